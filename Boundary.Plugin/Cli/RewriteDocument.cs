using Boundary.Push;

namespace Boundary.Cli;

/// <summary>hook pre-push and inject --json: each template's outcome and the counts.</summary>
public sealed record RewriteDocument(
    bool Ok,
    string Command,
    string Mode,
    bool DryRun,
    string? Env,
    string? PermissionsBoundary,
    string? Message,
    IReadOnlyList<RewrittenFile> Files,
    RewriteSummary Summary,
    RestoreDocument? Recovered,
    IReadOnlyList<string> Warnings);
