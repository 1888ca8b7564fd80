namespace Boundary.Cli;

/// <summary>One file in a restore document.</summary>
public sealed record RestoredFileEntry(string Path, string Action);
