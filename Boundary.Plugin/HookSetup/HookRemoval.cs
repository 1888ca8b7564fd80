namespace Boundary.HookSetup;

public sealed record HookRemoval(string Hook, HookRemovalAction Action, IReadOnlyList<string> FilesChanged, IReadOnlyList<string> Warnings);
