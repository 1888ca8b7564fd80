using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Boundary.Audit;

/// <summary>The documents audit writes: text lines, JSON, and SARIF 2.1.0.</summary>
public static class AuditFormats
{
    public const string SarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
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

    public static object Json(AuditReport report) => new
    {
        ok = report.ExitCode == 0,
        exitCode = report.ExitCode,
        findings = report.OpenFindings,
        @fixed = report.FixedCount,
        fixDeclined = report.FixDeclined,
        envs = report.Envs.Select(e => new
        {
            env = e.Env,
            stackName = e.StackName,
            region = e.Region,
            account = e.Account,
            credentials = e.CredentialSource,
            expectedBoundary = e.ExpectedBoundary,
            skipped = e.Skipped,
            error = e.Error,
            errorCode = e.ErrorCode,
            stacks = e.Stacks,
            summary = new
            {
                roles = e.Roles.Count,
                ok = e.Count(RoleStatus.Ok),
                missing = e.Count(RoleStatus.Missing),
                different = e.Count(RoleStatus.Different),
                notFound = e.Count(RoleStatus.NotFound),
                serviceLinked = e.Count(RoleStatus.ServiceLinked),
                @fixed = e.FixedCount,
            },
            notes = e.Notes,
            roles = e.Roles.Select(r => new
            {
                roleName = r.Role.RoleName,
                roleArn = r.RoleArn,
                stack = r.Role.Stack,
                stackId = r.Role.StackId,
                logicalId = r.Role.LogicalId,
                status = StatusWord(r.Status),
                actualBoundary = r.ActualBoundary,
                @fixed = r.Fixed,
                fixError = r.FixError,
            }),
        }),
        apiCalls = new { total = report.Calls.Total, throttled = report.Calls.Throttled, byOperation = report.Calls.Requests },
        elapsedMs = (long)report.Elapsed.TotalMilliseconds,
    };

    /// <summary>
    /// A SARIF 2.1.0 log: one rule per finding kind, one result per role that still falls short. A deployed
    /// role has no source line, so each result's location is logical (the role, inside its stack), with
    /// team-provider-info (where the env's boundary is set) as the physical location code scanning wants.
    /// </summary>
    public static JObject Sarif(AuditReport report, string version)
    {
        var rules = AuditRule.All.ToList();
        var results = new JArray();
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
                var logical = new JArray(new JObject
                {
                    ["name"] = role.Role.RoleName,
                    ["fullyQualifiedName"] = role.RoleArn ?? role.Role.RoleName,
                    ["kind"] = "resource",
                });
                if (role.Role.Stack is not null)
                    logical.Add(new JObject { ["name"] = role.Role.Stack, ["fullyQualifiedName"] = role.Role.StackId ?? role.Role.Stack, ["kind"] = "module" });
                results.Add(new JObject
                {
                    ["ruleId"] = rule.Id,
                    ["ruleIndex"] = rules.IndexOf(rule),
                    ["level"] = "error",
                    ["message"] = new JObject { ["text"] = message },
                    ["locations"] = new JArray(new JObject
                    {
                        ["physicalLocation"] = new JObject
                        {
                            ["artifactLocation"] = new JObject { ["uri"] = "amplify/team-provider-info.json", ["uriBaseId"] = "%SRCROOT%" },
                        },
                        ["logicalLocations"] = logical,
                    }),
                    ["partialFingerprints"] = new JObject { ["roleAndEnv/v1"] = $"{env.Env}/{role.Role.RoleName}/{rule.Id}" },
                    ["properties"] = new JObject
                    {
                        ["env"] = env.Env,
                        ["roleName"] = role.Role.RoleName,
                        ["roleArn"] = role.RoleArn,
                        ["stack"] = role.Role.Stack,
                        ["logicalId"] = role.Role.LogicalId,
                        ["expectedBoundary"] = env.ExpectedBoundary,
                        ["actualBoundary"] = role.ActualBoundary,
                    },
                });
            }
        }

        var notifications = new JArray(report.Envs.Where(e => e.Error is not null || e.Skipped is not null).Select(e => new JObject
        {
            ["level"] = e.Error is not null ? "error" : "note",
            ["message"] = new JObject { ["text"] = e.Error ?? $"env {e.Env} skipped: {e.Skipped}" },
        }));
        return new JObject
        {
            ["$schema"] = SarifSchema,
            ["version"] = "2.1.0",
            ["runs"] = new JArray(new JObject
            {
                ["tool"] = new JObject
                {
                    ["driver"] = new JObject
                    {
                        ["name"] = "dotnet-boundary",
                        ["version"] = version,
                        ["semanticVersion"] = version,
                        ["informationUri"] = InformationUri,
                        ["rules"] = new JArray(rules.Select(r => new JObject
                        {
                            ["id"] = r.Id,
                            ["name"] = r.Name,
                            ["shortDescription"] = new JObject { ["text"] = r.ShortDescription },
                            ["fullDescription"] = new JObject { ["text"] = r.FullDescription },
                            ["defaultConfiguration"] = new JObject { ["level"] = "error" },
                            ["properties"] = new JObject { ["kind"] = StatusWord(r.Status) },
                        })),
                    },
                },
                ["originalUriBaseIds"] = new JObject { ["%SRCROOT%"] = new JObject { ["description"] = new JObject { ["text"] = "The Amplify project's root folder." } } },
                ["automationDetails"] = new JObject { ["id"] = "dotnet-boundary/audit/" },
                ["invocations"] = new JArray(new JObject
                {
                    ["executionSuccessful"] = report.Envs.All(e => !e.Failed),
                    ["exitCode"] = report.ExitCode,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["results"] = results,
                ["properties"] = new JObject
                {
                    ["envs"] = new JArray(report.Envs.Select(e => e.Env)),
                    ["awsRequests"] = report.Calls.Total,
                },
            }),
        };
    }

    public static string SarifText(AuditReport report, string version) => Sarif(report, version).ToString(Formatting.Indented);
}
