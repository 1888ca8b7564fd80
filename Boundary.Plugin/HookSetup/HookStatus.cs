namespace Boundary.HookSetup;

public sealed record HookStatus(string Hook, HookState State, string? File, string Detail);
