namespace Boundary.Push;

/// <summary>What undoing a journal did; <see cref="HadJournal"/> is false when there was nothing to undo.</summary>
public sealed record RestoreResult(
    bool HadJournal,
    string? Mode,
    string? Env,
    string? Boundary,
    IReadOnlyList<RestoredFile> Files,
    IReadOnlyList<string> Warnings)
{
    public static readonly RestoreResult None = new(false, null, null, null, [], []);

    public int Count(RestoreAction action) => Files.Count(f => f.Action == action);

    /// <summary>Files the undo wrote.</summary>
    public IEnumerable<RestoredFile> Changed => Files.Where(f => f.Action is RestoreAction.Restored or RestoreAction.PropertiesRemoved);
}
