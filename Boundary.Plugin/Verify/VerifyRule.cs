
namespace Boundary.Verify;

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

    public static readonly VerifyRule Stale = new(
        "BOUNDARY005", "stale-permissions-boundary", "error",
        "IAM role with another environment's permissions boundary",
        "The role's PermissionsBoundary is the boundary ARN of another environment of the same project: the Amplify CLI writes the current environment's ARN into some generated stacks (auth triggers, GraphQL) and never updates it, so this environment's roles would be capped by the other environment's policy.",
        "Remove the PermissionsBoundary property (the hook then injects this environment's boundary) or regenerate the stack with this environment checked out. `dotnet boundary hook pre-push` replaces it during a push.",
        "7.5");

    public static readonly IReadOnlyList<VerifyRule> All = [Missing, Differs, OtherAccount, Invalid, Stale];
}
