namespace Boundary.Cli;

/// <summary>Whether the new env's account can use the source env's boundary, in env add --json.</summary>
public sealed record ReachabilityDocument(string Status, string Reason, string? Account, bool CrossAccount, string? Suggestion, string? ErrorCode);
