namespace Boundary.Audit;

/// <summary>audit --json.</summary>
public sealed record AuditDocument(
    bool Ok,
    int ExitCode,
    int Findings,
    int Fixed,
    bool FixDeclined,
    IReadOnlyList<AuditedEnv> Envs,
    AuditApiCalls ApiCalls,
    long ElapsedMs);
