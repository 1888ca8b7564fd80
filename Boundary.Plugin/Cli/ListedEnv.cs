namespace Boundary.Cli;

/// <summary>One env in list --json.</summary>
public sealed record ListedEnv(string Env, string? PermissionsBoundary, bool Current, string? AmplifyMetaBoundary, bool Drift);
