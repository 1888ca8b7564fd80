namespace Boundary.Cli;

/// <summary>hook uninstall --json.</summary>
public sealed record HookUninstallDocument(bool Ok, IReadOnlyList<UninstalledHook> Hooks);
