namespace Boundary.Cli;

/// <summary>One role or user in a rewritten template.</summary>
public sealed record RewrittenPrincipal(string LogicalId, string Type, int Line, int Column, string Action, string? Note);
