namespace Boundary.Verify;

/// <summary>One role or user in verify --format json.</summary>
public sealed record VerifiedPrincipal(string File, int Line, int Column, string LogicalId, string Type, string Status, string? Level, string? RuleId, string? Actual, bool Intrinsic, string Message);
