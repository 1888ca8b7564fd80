namespace Boundary.Cli;

/// <summary>hook post-push and restore --json.</summary>
public sealed record RestoreRunDocument(bool Ok, string Command, bool PushFailed, string? PushError, RestoreDocument Restore, IReadOnlyList<string> Warnings);
