namespace Boundary.Audit;

/// <summary>What to audit in one env: its root stack, the expected boundary, and the roles team-provider-info names.</summary>
/// <param name="Accepts">When the expectation is a rule rather than one ARN (an SCP's wildcard, "any boundary"): which boundaries pass.</param>
public sealed record EnvTarget(string Env, string StackName, string ExpectedBoundary, IReadOnlyList<(string Key, string RoleName)> NamedRoles, Func<string, bool>? Accepts = null);
