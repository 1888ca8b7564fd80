namespace Boundary.HookSetup;

public sealed record HookInstallOutcome(string Hook, HookAction Action, string? File, IReadOnlyList<string> FilesWritten, string Message, string? Snippet)
{
    public bool NeedsAction => Action is HookAction.ManualStep or HookAction.Conflict;
}
