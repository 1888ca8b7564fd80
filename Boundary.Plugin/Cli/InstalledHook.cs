namespace Boundary.Cli;

/// <summary>One hook in hook install --json.</summary>
public sealed record InstalledHook(string Hook, string Action, string? File, IReadOnlyList<string> FilesWritten, string Message, string? Snippet);
