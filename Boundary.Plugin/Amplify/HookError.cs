namespace Boundary.Amplify;

/// <summary>The error the host passes to post-hooks of a failed command.</summary>
public sealed record HookError(string? Message, string? Stack);
