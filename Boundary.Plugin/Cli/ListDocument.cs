namespace Boundary.Cli;

/// <summary>list --json: every env, the current one and any drift.</summary>
public sealed record ListDocument(string? CurrentEnv, IReadOnlyList<ListedEnv> Envs, string? Drift);
