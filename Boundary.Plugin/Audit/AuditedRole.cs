namespace Boundary.Audit;

/// <summary>One deployed role in audit --json.</summary>
public sealed record AuditedRole(string RoleName, string? RoleArn, string? Stack, string? StackId, string LogicalId, string Status, string? ActualBoundary, bool Fixed, string? FixError);
