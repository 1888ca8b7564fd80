namespace Boundary.Cli;

/// <summary>hook status --json.</summary>
public sealed record HookStatusDocument(IReadOnlyList<HookStatusEntry> Hooks, bool ScriptingDisabled, ToolDocument Tool);
