namespace Boundary.Cli;

/// <summary>What undoing a journal did (inside the post-push, restore and pre-push documents).</summary>
public sealed record RestoreDocument(bool Journal, string? Mode, string? Env, string? PermissionsBoundary, IReadOnlyList<RestoredFileEntry> Files, RestoreCounts Summary);
