namespace Boundary.Audit;

/// <summary>What to audit in one env: its root stack, the expected boundary, and the roles team-provider-info names.</summary>
public sealed record EnvTarget(string Env, string StackName, string ExpectedBoundary, IReadOnlyList<(string Key, string RoleName)> NamedRoles);
