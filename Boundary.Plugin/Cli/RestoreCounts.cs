namespace Boundary.Cli;

/// <summary>How many files each restore action applied to.</summary>
public sealed record RestoreCounts(int Restored, int PropertiesRemoved, int AlreadyOriginal, int NotCopied, int NothingToUndo, int Missing, int Left);
