namespace Boundary.Audit;

/// <summary>One env in audit --json.</summary>
public sealed record AuditedEnv(
    string Env,
    string? StackName,
    string? Region,
    string? Account,
    string? Credentials,
    string? ExpectedBoundary,
    string? Skipped,
    string? Error,
    string? ErrorCode,
    int Stacks,
    AuditCounts Summary,
    IReadOnlyList<string> Notes,
    IReadOnlyList<AuditedRole> Roles);
