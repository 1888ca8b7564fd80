using System.Security.Cryptography;
using System.Text;
using Boundary.Sarif;
using Boundary.Templates;

namespace Boundary.Verify;

/// <summary>The documents verify writes: text lines, its own JSON shape (version 1) and SARIF 2.1.0.</summary>
public static class VerifyFormats
{
    public const string ToolName = "dotnet-boundary";
    public const string InformationUri = "https://www.nuget.org/packages/Boundary.Plugin";
    public const string SourceRoot = "%SRCROOT%";

    public static string Kebab(VerifyStatus status) => status switch
    {
        VerifyStatus.OtherAccount => "other-account",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static IEnumerable<string> Text(VerifyReport report)
    {
        foreach (var error in report.Errors)
            yield return $"error: {error.Message}";
        foreach (var result in report.Principals.Where(p => p.Level is not null || p.Status == VerifyStatus.Kept))
        {
            var where = $"{result.File}:{result.Resource.Line}:{result.Resource.Column}";
            yield return result.Level is null
                ? $"{where}: kept: {result.Message}"
                : $"{where}: {result.Level} {result.Rule!.Id}: {result.Message}";
        }
        var principals = report.Options.IncludeUsers ? "roles and users" : "roles";
        yield return $"Checked {report.Principals.Count} {principals} in {report.Templates} template(s) ({report.FilesScanned} file(s)) against {report.Expected}: " +
                     $"{report.Count(VerifyStatus.Bounded)} bounded, {report.Count(VerifyStatus.Kept)} kept (intrinsic), {report.Count(VerifyStatus.Differs)} kept (differs), " +
                     $"{report.Count(VerifyStatus.OtherAccount)} of another account, {report.Count(VerifyStatus.Invalid)} invalid, {report.Count(VerifyStatus.Stale)} stale, {report.Count(VerifyStatus.Missing)} missing.";
        if (report.Errors.Count > 0)
            yield return $"FAILED: {report.Errors.Count} file(s) could not be parsed.";
        else if (report.ErrorCount > 0)
            yield return $"FAILED: {report.ErrorCount} {principals} without the expected boundary.";
        else
            yield return report.WarningCount > 0 ? $"OK, with {report.WarningCount} warning(s)." : "OK.";
    }

    /// <summary>The counts of the --format json document's summary.</summary>
    public static VerifyCounts Counts(VerifyReport report) => new(
        report.FilesScanned,
        report.Templates,
        report.Principals.Count,
        report.Count(VerifyStatus.Bounded),
        report.Count(VerifyStatus.Kept),
        report.Count(VerifyStatus.Differs),
        report.Count(VerifyStatus.OtherAccount),
        report.Count(VerifyStatus.Invalid),
        report.Count(VerifyStatus.Stale),
        report.Count(VerifyStatus.Missing),
        report.ErrorCount,
        report.WarningCount,
        report.Errors.Count);

    /// <summary>The --format json document (shape version 1).</summary>
    public static VerifyDocument Json(VerifyReport report, int exitCode) => new(
        1,
        exitCode == 0,
        exitCode,
        report.Expected,
        report.Env,
        report.Root,
        report.Options.Strict,
        report.Options.IncludeUsers,
        Counts(report),
        [.. report.Principals.Select(p => new VerifiedPrincipal(
            p.File,
            p.Resource.Line,
            p.Resource.Column,
            p.Resource.LogicalId,
            p.Resource.Type,
            Kebab(p.Status),
            p.Level,
            p.Rule?.Id,
            p.Resource.BoundaryValue,
            p.Resource.Boundary == BoundaryKind.Intrinsic,
            p.Message))],
        [.. report.Errors.Select(e => new VerifyFileError(report.Relative(e.Path), e.Message))]);

    /// <summary>A SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.</summary>
    public static SarifLog Sarif(VerifyReport report, string version)
    {
        var rules = VerifyRule.All.ToList();
        var driver = new SarifDriver(
            ToolName,
            "dotnet-boundary verify (IAM permissions boundaries in CloudFormation templates)",
            version,
            version,
            InformationUri,
            [.. rules.Select(rule => new SarifRule(
                rule.Id,
                rule.Name,
                new SarifMessage(rule.ShortDescription),
                new SarifMessage(rule.FullDescription),
                new SarifMessage(rule.Help, rule.Help),
                InformationUri,
                new SarifConfiguration(rule.DefaultLevel),
                new Dictionary<string, object?>
                {
                    ["tags"] = RuleTags,
                    ["precision"] = "very-high",
                    ["problem.severity"] = rule.DefaultLevel,
                    ["security-severity"] = rule.SecuritySeverity,
                }))]);
        var results = report.Findings.Select(finding => new SarifResult(
            finding.Rule!.Id,
            rules.IndexOf(finding.Rule),
            finding.Level!,
            new SarifMessage(finding.Message),
            [new SarifLocation(
                new SarifPhysicalLocation(new SarifArtifactLocation(Uri(finding.File), SourceRoot), new SarifRegion(finding.Resource.Line, finding.Resource.Column)),
                [new SarifLogicalLocation(finding.Resource.LogicalId, null, "resource")])],
            new Dictionary<string, string> { ["boundaryResource/v1"] = Fingerprint(finding) },
            new Dictionary<string, object?>
            {
                ["logicalId"] = finding.Resource.LogicalId,
                ["resourceType"] = finding.Resource.Type,
                ["expected"] = report.Expected,
                ["actual"] = finding.Resource.BoundaryValue,
            })).ToList();
        var notifications = report.Errors.Select(error => new SarifNotification(
            "error",
            new SarifMessage(error.Message),
            [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(Uri(report.Relative(error.Path)), SourceRoot)))])).ToList();
        return new SarifLog([new SarifRun(
            new SarifTool(driver),
            OriginalUriBaseIds: null,
            AutomationDetails: null,
            [new SarifInvocation(report.Errors.Count == 0, ExitCode: null, notifications)],
            "utf16CodeUnits",
            results,
            new Dictionary<string, object?> { ["expected"] = report.Expected, ["env"] = report.Env, ["strict"] = report.Options.Strict })]);
    }

    private static readonly string[] RuleTags = ["security", "iam", "cloudformation"];

    /// <summary>A relative URI reference: forward slashes, each segment percent-encoded as needed.</summary>
    private static string Uri(string relative) =>
        string.Join('/', relative.Split('/').Select(segment => System.Uri.EscapeDataString(segment)));

    /// <summary>Stable across edits that move a resource: the rule, the file and the logical id.</summary>
    private static string Fingerprint(VerifyResult finding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.Rule!.Id}|{finding.File}|{finding.Resource.LogicalId}")))[..32];
}
