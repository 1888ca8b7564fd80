namespace Boundary.Environments;

/// <summary>
/// What <c>env add</c> decided before writing anything: the source env and its boundary, how the boundary
/// was chosen, the ARN to write (null: nothing to write; "": no boundary) and whether team-provider-info
/// already lists the new env.
/// </summary>
public sealed record EnvAddPlan(
    string? From,
    string? SourceBoundary,
    EnvAddDecision Decision,
    Reachability? Reachability,
    string? Arn,
    string Message,
    bool EnvListed,
    IReadOnlyList<string> Warnings);
