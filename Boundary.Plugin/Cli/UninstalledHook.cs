namespace Boundary.Cli;

/// <summary>One hook in hook uninstall --json.</summary>
public sealed record UninstalledHook(string Hook, string Action, IReadOnlyList<string> FilesChanged, IReadOnlyList<string> Warnings);
