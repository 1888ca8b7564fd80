namespace Boundary.Cli;

/// <summary>Whether the hooks find the tool, in the hook setup documents.</summary>
public sealed record ToolDocument(bool Found, string Via, string? Command);
