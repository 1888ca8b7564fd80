using Boundary.Amplify;
using Boundary.Templates;

namespace Boundary.Verify;

/// <summary>What verify makes of one role (or user) in a template.</summary>
public enum VerifyStatus
{
    /// <summary>Carries exactly the expected ARN.</summary>
    Bounded,

    /// <summary>An intrinsic function (Fn::If, Ref, Fn::Sub, ...): set by a person, cannot be evaluated, kept.</summary>
    Kept,

    /// <summary>A literal ARN other than the expected one, in the same account (or an AWS-managed policy): kept, a warning.</summary>
    Differs,

    /// <summary>A literal ARN of another account than the expected one: IAM refuses a boundary from another account.</summary>
    OtherAccount,

    /// <summary>A literal that is not a valid managed policy ARN.</summary>
    Invalid,

    /// <summary>No PermissionsBoundary at all.</summary>
    Missing,
}

/// <summary>One rule verify reports against, with the texts SARIF and the README use.</summary>
public sealed record VerifyRule(string Id, string Name, string DefaultLevel, string ShortDescription, string FullDescription, string Help, string SecuritySeverity)
{
    public static readonly VerifyRule Missing = new(
        "BOUNDARY001", "missing-permissions-boundary", "error",
        "IAM role without a permissions boundary",
        "An AWS::IAM::Role (with --include-users also an AWS::IAM::User) has no PermissionsBoundary, so the environment's permissions boundary policy does not cap what it may do.",
        "Give the resource `PermissionsBoundary: <the env's boundary ARN>` in its Properties. In an Amplify (Gen1) project, `dotnet boundary hook install` makes every `amplify push` add it; templates the Amplify CLI regenerates during the push (GraphQL transformer output, overrides, custom CDK stacks) are out of the hook's reach, which is why this check runs in the build pipeline.",
        "7.5");

    public static readonly VerifyRule Differs = new(
        "BOUNDARY002", "different-permissions-boundary", "warning",
        "IAM role with a permissions boundary other than the environment's",
        "The role's PermissionsBoundary is a literal ARN in the expected account (or an AWS-managed policy) that differs from the environment's boundary. A person set it, so it is kept; it is a warning, an error with --strict.",
        "Check that the other boundary is intended. To use the environment's boundary, remove the PermissionsBoundary property (the hook then injects the env's) or set it to the expected ARN.",
        "4.0");

    public static readonly VerifyRule OtherAccount = new(
        "BOUNDARY003", "permissions-boundary-of-another-account", "error",
        "IAM role whose permissions boundary belongs to another account",
        "The role's PermissionsBoundary names a policy of another AWS account (or partition) than the environment's boundary. A permissions boundary must be a managed policy of the role's own account (or AWS-managed), so the deployment fails or the template was copied from another environment.",
        "Use the environment's boundary ARN (or remove the property and let the hook inject it).",
        "7.5");

    public static readonly VerifyRule Invalid = new(
        "BOUNDARY004", "invalid-permissions-boundary", "error",
        "IAM role whose permissions boundary is not a valid policy ARN",
        "The role's PermissionsBoundary is a string that is not a managed policy ARN (arn:<partition>:iam::<account or aws>:policy/<path/><name>).",
        "Fix the ARN, or remove the property and let the hook inject the environment's boundary.",
        "7.5");

    public static readonly IReadOnlyList<VerifyRule> All = [Missing, Differs, OtherAccount, Invalid];
}

/// <summary>One role (or user) as verify judged it. <see cref="Level"/> is null for a role that is fine.</summary>
public sealed record VerifyResult(string File, TemplateResource Resource, VerifyStatus Status, VerifyRule? Rule, string? Level, string Message);

public sealed record VerifyOptions(bool Strict = false, bool IncludeUsers = false);

/// <summary>What verify found: every covered principal, and the files that could not be parsed.</summary>
public sealed record VerifyReport(
    string Root,
    string Expected,
    string? Env,
    VerifyOptions Options,
    int FilesScanned,
    int Templates,
    IReadOnlyList<VerifyResult> Principals,
    IReadOnlyList<TemplateError> Errors)
{
    public IEnumerable<VerifyResult> Findings => Principals.Where(p => p.Level is not null);

    public int ErrorCount => Principals.Count(p => p.Level == "error");

    public int WarningCount => Principals.Count(p => p.Level == "warning");

    public int Count(VerifyStatus status) => Principals.Count(p => p.Status == status);

    /// <summary>A path relative to <see cref="Root"/>, with forward slashes (SARIF, messages).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}

/// <summary>
/// Checks that every AWS::IAM::Role (and with <see cref="VerifyOptions.IncludeUsers"/> every AWS::IAM::User)
/// in the given templates carries the expected boundary. The rule for a boundary already there:
/// the expected ARN is "bounded"; an intrinsic is "kept" (it cannot be evaluated); a literal ARN of the same
/// account (or AWS-managed) that differs is "kept (differs)", a warning (an error with --strict); a literal
/// of another account or partition, or one that is not a policy ARN, is an error.
/// </summary>
public static class Verifier
{
    public static VerifyReport Verify(string root, IReadOnlyList<string> files, string expected, string? env, VerifyOptions options)
    {
        var expectedArn = PolicyArn.Parse(expected);
        var injection = new InjectionOptions(options.IncludeUsers);
        var scan = TemplateScanner.Scan(files, template =>
        {
            var file = Path.GetRelativePath(root, template.Path).Replace('\\', '/');
            return template.Principals.Where(r => BoundaryInjector.Covers(r, injection)).Select(r => Judge(file, r, expectedArn, options)).ToList();
        });
        var results = scan.Results.SelectMany(r => r).ToList();
        return new VerifyReport(root, expectedArn.ToString(), env, options, scan.FilesScanned, scan.Results.Count, results, scan.Errors);
    }

    public static VerifyResult Judge(string file, TemplateResource resource, PolicyArn expected, VerifyOptions options)
    {
        var what = $"{resource.LogicalId} ({resource.Type})";
        switch (resource.Boundary)
        {
            case BoundaryKind.None:
                return new VerifyResult(file, resource, VerifyStatus.Missing, VerifyRule.Missing, "error",
                    $"{what} has no PermissionsBoundary; expected {expected}.");
            case BoundaryKind.Intrinsic:
                return new VerifyResult(file, resource, VerifyStatus.Kept, null, null,
                    $"{what} has a PermissionsBoundary set by an intrinsic function: kept, not evaluated.");
        }
        var actual = resource.BoundaryValue ?? "";
        if (actual == expected.ToString())
            return new VerifyResult(file, resource, VerifyStatus.Bounded, null, null, $"{what} has the expected boundary.");
        if (!PolicyArn.TryParse(actual, out var parsed, out var problem))
            return new VerifyResult(file, resource, VerifyStatus.Invalid, VerifyRule.Invalid, "error",
                $"{what} has PermissionsBoundary '{actual}', which is not a valid policy ARN ({problem}); expected {expected}.");
        var otherAccount = parsed!.Partition != expected.Partition ||
                           (!parsed.IsAwsManaged && !expected.IsAwsManaged && parsed.Account != expected.Account);
        if (otherAccount)
            return new VerifyResult(file, resource, VerifyStatus.OtherAccount, VerifyRule.OtherAccount, "error",
                $"{what} has PermissionsBoundary {actual}, a policy of {(parsed.Partition != expected.Partition ? $"partition {parsed.Partition}" : $"account {parsed.Account}")}; expected {expected} ({(parsed.Partition != expected.Partition ? $"partition {expected.Partition}" : $"account {expected.Account}")}).");
        return new VerifyResult(file, resource, VerifyStatus.Differs, VerifyRule.Differs, options.Strict ? "error" : "warning",
            $"{what} keeps PermissionsBoundary {actual}, which differs from the expected {expected}{(options.Strict ? " (an error with --strict)" : " (kept: set by a person; --strict makes this an error)")}.");
    }
}
