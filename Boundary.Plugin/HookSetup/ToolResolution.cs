namespace Boundary.HookSetup;

/// <summary>How the installed hook script would find the tool, as <c>hook status</c> reports it.</summary>
public sealed record ToolResolution(bool Found, string Via, string? Command);
