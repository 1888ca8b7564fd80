using Boundary.Sarif;

namespace Boundary.Audit;

/// <summary>The documents audit writes: text lines, JSON, and SARIF 2.1.0.</summary>
public static class AuditFormats
{
    public const string SourceRoot = "%SRCROOT%";
    public const string InformationUri = "https://www.nuget.org/packages/Boundary.Plugin";

    public static string StatusWord(RoleStatus status) => status switch
    {
        RoleStatus.Ok => "ok",
        RoleStatus.Missing => "missing",
        RoleStatus.Different => "different",
        RoleStatus.NotFound => "notFound",
        RoleStatus.ServiceLinked => "serviceLinked",
        _ => status.ToString(),
    };

    private static string TextWord(RoleStatus status) => status switch
    {
        RoleStatus.NotFound => "not found",
        RoleStatus.ServiceLinked => "service-linked",
        _ => StatusWord(status),
    };

    private static string Where(DeployedRole role) =>
        role.Stack is null ? $"team-provider-info {role.LogicalId}" : $"stack {role.Stack}, {role.LogicalId}";

    /// <summary>The human report: per env the findings (and with <paramref name="verbose"/> every role), then a summary line.</summary>
    public static IEnumerable<string> Text(AuditReport report, bool verbose)
    {
        foreach (var env in report.Envs)
        {
            if (env.Skipped is not null)
            {
                yield return $"env {env.Env}: skipped: {env.Skipped}.";
                continue;
            }
            if (env.Error is not null)
            {
                yield return $"env {env.Env}: not audited (AWS error, see below).";
                continue;
            }
            var place = string.Join(", ", new[] { env.Account is null ? null : "account " + env.Account, env.Region }.Where(p => p is not null));
            yield return $"env {env.Env}{(place.Length > 0 ? $" ({place})" : "")}: stack {env.StackName}, {env.Stacks} stack{(env.Stacks == 1 ? "" : "s")}, {env.Roles.Count} role{(env.Roles.Count == 1 ? "" : "s")}";
            yield return $"  expected boundary: {env.ExpectedBoundary}";
            var shown = env.Roles.Where(r => verbose || r.Status != RoleStatus.Ok).ToList();
            var width = shown.Count == 0 ? 0 : Math.Min(64, shown.Max(r => r.Role.RoleName.Length));
            foreach (var role in shown)
            {
                var word = role.Fixed ? "fixed" : role.FixError is not null ? "fix failed" : TextWord(role.Status);
                var verb = role.Fixed ? "had" : "has";
                var detail = role.Status switch
                {
                    RoleStatus.Different => $"  {verb} {role.ActualBoundary}",
                    RoleStatus.Missing => $"  {verb} none",
                    _ => "",
                };
                yield return $"  {word,-14} {role.Role.RoleName.PadRight(width)}  ({Where(role.Role)}){detail}";
                if (role.FixError is not null)
                    yield return $"                 {role.FixError}";
            }
            var ok = env.Count(RoleStatus.Ok);
            if (!verbose && ok > 0)
                yield return $"  ok             {ok} role{(ok == 1 ? "" : "s")}";
            foreach (var note in env.Notes)
                yield return $"  note: {note}";
        }

        var audited = report.Envs.Where(e => e.Skipped is null && e.Error is null).ToList();
        var roles = audited.Sum(e => e.Roles.Count);
        var open = report.OpenFindings;
        if (report.FixApplied)
            yield return $"Fixed {report.FixedCount} role{(report.FixedCount == 1 ? "" : "s")}; {open} still fall{(open == 1 ? "s" : "")} short of the boundary.";
        else if (open == 0 && audited.Count > 0)
            yield return $"Every one of the {roles} deployed role{(roles == 1 ? "" : "s")} carries the expected boundary{(audited.Count > 1 ? $" ({audited.Count} envs)" : "")}.";
        else if (open > 0)
        {
            var fixable = audited.Sum(e => e.Roles.Count(r => r.IsFixable));
            var hint = fixable > 0 && !report.FixDeclined
                ? $" To put the boundary on {(fixable == open ? "them" : $"the {fixable} that exist")}: dotnet boundary audit {(report.Envs.Count > 1 ? "--all-envs" : "--env " + audited[0].Env)} --fix"
                : "";
            yield return $"{open} of {roles} deployed role{(roles == 1 ? "" : "s")} fall{(open == 1 ? "s" : "")} short of the boundary.{(report.FixDeclined ? " Nothing was changed." : "")}{hint}";
        }
    }

    /// <summary>One line per operation: what --verbose adds (and the benchmark reads).</summary>
    public static string CallsLine(AuditReport report)
    {
        var calls = report.Calls;
        var parts = string.Join(", ", calls.Requests.Select(r => $"{r.Key} {r.Value}"));
        return $"AWS requests: {calls.Total} ({(parts.Length == 0 ? "none" : parts)}); throttled {calls.Throttled}; {report.Elapsed.TotalSeconds:0.00} s";
    }

    public static AuditDocument Json(AuditReport report) => new(
        report.ExitCode == 0,
        report.ExitCode,
        report.OpenFindings,
        report.FixedCount,
        report.FixDeclined,
        [.. report.Envs.Select(e => new AuditedEnv(
            e.Env,
            e.StackName,
            e.Region,
            e.Account,
            e.CredentialSource,
            e.ExpectedBoundary,
            e.Skipped,
            e.Error,
            e.ErrorCode,
            e.Stacks,
            new AuditCounts(
                e.Roles.Count,
                e.Count(RoleStatus.Ok),
                e.Count(RoleStatus.Missing),
                e.Count(RoleStatus.Different),
                e.Count(RoleStatus.NotFound),
                e.Count(RoleStatus.ServiceLinked),
                e.FixedCount),
            e.Notes,
            [.. e.Roles.Select(r => new AuditedRole(
                r.Role.RoleName,
                r.RoleArn,
                r.Role.Stack,
                r.Role.StackId,
                r.Role.LogicalId,
                StatusWord(r.Status),
                r.ActualBoundary,
                r.Fixed,
                r.FixError))]))],
        new AuditApiCalls(report.Calls.Total, report.Calls.Throttled, report.Calls.Requests),
        (long)report.Elapsed.TotalMilliseconds);

    /// <summary>
    /// A SARIF 2.1.0 log: one rule per finding kind, one result per role that still falls short. A deployed
    /// role has no source line, so each result's location is logical (the role, inside its stack), with
    /// team-provider-info (where the env's boundary is set) as the physical location code scanning wants.
    /// </summary>
    public static SarifLog Sarif(AuditReport report, string version)
    {
        var rules = AuditRule.All.ToList();
        var results = new List<SarifResult>();
        foreach (var env in report.Envs)
        {
            foreach (var role in env.Roles.Where(r => r.IsOpenFinding))
            {
                var rule = AuditRule.For(role.Status)!;
                var message = role.Status switch
                {
                    RoleStatus.Missing => $"Role {role.Role.RoleName} (env {env.Env}) has no permissions boundary; expected {env.ExpectedBoundary}.",
                    RoleStatus.Different => $"Role {role.Role.RoleName} (env {env.Env}) has permissions boundary {role.ActualBoundary}; expected {env.ExpectedBoundary}.",
                    _ => $"Role {role.Role.RoleName} (env {env.Env}) does not exist in IAM.",
                };
                var logical = new List<SarifLogicalLocation> { new(role.Role.RoleName, role.RoleArn ?? role.Role.RoleName, "resource") };
                if (role.Role.Stack is not null)
                    logical.Add(new SarifLogicalLocation(role.Role.Stack, role.Role.StackId ?? role.Role.Stack, "module"));
                results.Add(new SarifResult(
                    rule.Id,
                    rules.IndexOf(rule),
                    "error",
                    new SarifMessage(message),
                    [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation("amplify/team-provider-info.json", SourceRoot)), logical)],
                    new Dictionary<string, string> { ["roleAndEnv/v1"] = $"{env.Env}/{role.Role.RoleName}/{rule.Id}" },
                    new Dictionary<string, object?>
                    {
                        ["env"] = env.Env,
                        ["roleName"] = role.Role.RoleName,
                        ["roleArn"] = role.RoleArn,
                        ["stack"] = role.Role.Stack,
                        ["logicalId"] = role.Role.LogicalId,
                        ["expectedBoundary"] = env.ExpectedBoundary,
                        ["actualBoundary"] = role.ActualBoundary,
                    }));
            }
        }

        var notifications = report.Envs.Where(e => e.Error is not null || e.Skipped is not null).Select(e => new SarifNotification(
            e.Error is not null ? "error" : "note",
            new SarifMessage(e.Error ?? $"env {e.Env} skipped: {e.Skipped}"))).ToList();
        var driver = new SarifDriver(
            "dotnet-boundary",
            FullName: null,
            version,
            version,
            InformationUri,
            [.. rules.Select(r => new SarifRule(
                r.Id,
                r.Name,
                new SarifMessage(r.ShortDescription),
                new SarifMessage(r.FullDescription),
                Help: null,
                HelpUri: null,
                new SarifConfiguration("error"),
                new Dictionary<string, object?> { ["kind"] = StatusWord(r.Status) }))]);
        return new SarifLog([new SarifRun(
            new SarifTool(driver),
            new Dictionary<string, SarifUriBase> { [SourceRoot] = new(new SarifMessage("The Amplify project's root folder.")) },
            new SarifAutomationDetails("dotnet-boundary/audit/"),
            [new SarifInvocation(report.Envs.All(e => !e.Failed), report.ExitCode, notifications)],
            ColumnKind: null,
            results,
            new Dictionary<string, object?>
            {
                ["envs"] = report.Envs.Select(e => e.Env).ToArray(),
                ["awsRequests"] = report.Calls.Total,
            })]);
    }
}
