namespace Boundary.Cli;

/// <summary>One hook in hook status --json.</summary>
public sealed record HookStatusEntry(string Hook, string State, string? File, string Detail);
