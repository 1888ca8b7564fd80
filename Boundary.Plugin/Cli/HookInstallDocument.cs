namespace Boundary.Cli;

/// <summary>hook install --json.</summary>
public sealed record HookInstallDocument(bool Ok, IReadOnlyList<InstalledHook> Hooks, bool ScriptingDisabled, ToolDocument Tool);
