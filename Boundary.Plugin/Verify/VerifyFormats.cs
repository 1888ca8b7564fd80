using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Boundary.Templates;

namespace Boundary.Verify;

/// <summary>The documents verify writes: text lines, its own JSON shape (version 1) and SARIF 2.1.0.</summary>
public static class VerifyFormats
{
    public const string SarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
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
                     $"{report.Count(VerifyStatus.OtherAccount)} of another account, {report.Count(VerifyStatus.Invalid)} invalid, {report.Count(VerifyStatus.Missing)} missing.";
        if (report.Errors.Count > 0)
            yield return $"FAILED: {report.Errors.Count} file(s) could not be parsed.";
        else if (report.ErrorCount > 0)
            yield return $"FAILED: {report.ErrorCount} {principals} without the expected boundary.";
        else
            yield return report.WarningCount > 0 ? $"OK, with {report.WarningCount} warning(s)." : "OK.";
    }

    /// <summary>The --format json document (shape version 1; documented in the README).</summary>
    public static object Json(VerifyReport report, int exitCode) => new
    {
        version = 1,
        ok = exitCode == 0,
        exitCode,
        expected = report.Expected,
        env = report.Env,
        root = report.Root,
        strict = report.Options.Strict,
        includeUsers = report.Options.IncludeUsers,
        summary = new
        {
            filesScanned = report.FilesScanned,
            templates = report.Templates,
            principals = report.Principals.Count,
            bounded = report.Count(VerifyStatus.Bounded),
            kept = report.Count(VerifyStatus.Kept),
            differs = report.Count(VerifyStatus.Differs),
            otherAccount = report.Count(VerifyStatus.OtherAccount),
            invalid = report.Count(VerifyStatus.Invalid),
            missing = report.Count(VerifyStatus.Missing),
            errors = report.ErrorCount,
            warnings = report.WarningCount,
            fileErrors = report.Errors.Count,
        },
        principals = report.Principals.Select(p => new
        {
            file = p.File,
            line = p.Resource.Line,
            column = p.Resource.Column,
            logicalId = p.Resource.LogicalId,
            type = p.Resource.Type,
            status = Kebab(p.Status),
            level = p.Level,
            ruleId = p.Rule?.Id,
            actual = p.Resource.Boundary == BoundaryKind.Literal ? p.Resource.BoundaryValue : null,
            intrinsic = p.Resource.Boundary == BoundaryKind.Intrinsic,
            message = p.Message,
        }),
        fileErrors = report.Errors.Select(e => new { file = report.Relative(e.Path), message = e.Message }),
    };

    /// <summary>A SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.</summary>
    public static JObject Sarif(VerifyReport report, string version)
    {
        var rules = VerifyRule.All.ToList();
        var driver = new JObject
        {
            ["name"] = ToolName,
            ["fullName"] = "dotnet-boundary verify (IAM permissions boundaries in CloudFormation templates)",
            ["version"] = version,
            ["semanticVersion"] = version,
            ["informationUri"] = InformationUri,
            ["rules"] = new JArray(rules.Select(rule => new JObject
            {
                ["id"] = rule.Id,
                ["name"] = rule.Name,
                ["shortDescription"] = new JObject { ["text"] = rule.ShortDescription },
                ["fullDescription"] = new JObject { ["text"] = rule.FullDescription },
                ["help"] = new JObject { ["text"] = rule.Help, ["markdown"] = rule.Help },
                ["helpUri"] = InformationUri,
                ["defaultConfiguration"] = new JObject { ["level"] = rule.DefaultLevel },
                ["properties"] = new JObject
                {
                    ["tags"] = new JArray("security", "iam", "cloudformation"),
                    ["precision"] = "very-high",
                    ["problem.severity"] = rule.DefaultLevel,
                    ["security-severity"] = rule.SecuritySeverity,
                },
            })),
        };
        var results = new JArray(report.Findings.Select(finding => new JObject
        {
            ["ruleId"] = finding.Rule!.Id,
            ["ruleIndex"] = rules.IndexOf(finding.Rule),
            ["level"] = finding.Level,
            ["message"] = new JObject { ["text"] = finding.Message },
            ["locations"] = new JArray(new JObject
            {
                ["physicalLocation"] = new JObject
                {
                    ["artifactLocation"] = new JObject { ["uri"] = Uri(finding.File), ["uriBaseId"] = SourceRoot },
                    ["region"] = new JObject { ["startLine"] = finding.Resource.Line, ["startColumn"] = finding.Resource.Column },
                },
                ["logicalLocations"] = new JArray(new JObject { ["name"] = finding.Resource.LogicalId, ["kind"] = "resource" }),
            }),
            ["partialFingerprints"] = new JObject { ["boundaryResource/v1"] = Fingerprint(finding) },
            ["properties"] = new JObject
            {
                ["logicalId"] = finding.Resource.LogicalId,
                ["resourceType"] = finding.Resource.Type,
                ["expected"] = report.Expected,
                ["actual"] = finding.Resource.Boundary == BoundaryKind.Literal ? finding.Resource.BoundaryValue : null,
            },
        }));
        var notifications = new JArray(report.Errors.Select(error => new JObject
        {
            ["level"] = "error",
            ["message"] = new JObject { ["text"] = error.Message },
            ["locations"] = new JArray(new JObject
            {
                ["physicalLocation"] = new JObject
                {
                    ["artifactLocation"] = new JObject { ["uri"] = Uri(report.Relative(error.Path)), ["uriBaseId"] = SourceRoot },
                },
            }),
        }));
        return new JObject
        {
            ["$schema"] = SarifSchema,
            ["version"] = "2.1.0",
            ["runs"] = new JArray(new JObject
            {
                ["tool"] = new JObject { ["driver"] = driver },
                ["invocations"] = new JArray(new JObject
                {
                    ["executionSuccessful"] = report.Errors.Count == 0,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
                ["properties"] = new JObject { ["expected"] = report.Expected, ["env"] = report.Env, ["strict"] = report.Options.Strict },
            }),
        };
    }

    public static string SarifText(VerifyReport report, string version) => Sarif(report, version).ToString(Formatting.Indented);

    /// <summary>A relative URI reference: forward slashes, each segment percent-encoded as needed.</summary>
    private static string Uri(string relative) =>
        string.Join('/', relative.Split('/').Select(segment => System.Uri.EscapeDataString(segment)));

    /// <summary>Stable across edits that move a resource: the rule, the file and the logical id.</summary>
    private static string Fingerprint(VerifyResult finding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{finding.Rule!.Id}|{finding.File}|{finding.Resource.LogicalId}")))[..32];
}
