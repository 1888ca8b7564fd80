namespace Boundary.Cli;

/// <summary>env add --json: the decision, the reachability check behind it and what changed.</summary>
public sealed record EnvAddDocument(
    bool Ok,
    string Env,
    string? From,
    string? SourcePermissionsBoundary,
    string Decision,
    ReachabilityDocument? Reachability,
    string? Previous,
    string? PermissionsBoundary,
    bool Changed,
    IReadOnlyList<string> FilesWritten,
    string Message,
    IReadOnlyList<string> Warnings);
