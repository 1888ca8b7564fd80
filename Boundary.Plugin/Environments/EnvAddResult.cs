using Boundary.Amplify;

namespace Boundary.Environments;

public sealed record EnvAddResult(
    string Env,
    string? From,
    string? SourceBoundary,
    EnvAddDecision Decision,
    Reachability? Reachability,
    BoundaryChange Change,
    string Message,
    IReadOnlyList<string> Warnings);
