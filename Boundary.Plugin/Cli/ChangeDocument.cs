namespace Boundary.Cli;

/// <summary>set, remove and init --json: what changed in the settings.</summary>
public sealed record ChangeDocument(bool Ok, string Env, string? Previous, string? PermissionsBoundary, bool Changed, IReadOnlyList<string> FilesWritten, string? Message, IReadOnlyList<string> Warnings);
