namespace Boundary.Cli;

/// <summary>get --json.</summary>
public sealed record GetDocument(string Env, string? PermissionsBoundary);
