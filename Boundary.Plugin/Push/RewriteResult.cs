
namespace Boundary.Push;

/// <summary>
/// The outcome of <c>hook pre-push</c> or <c>inject</c>: the mode ("transient", "persist", "inject"),
/// the env and boundary, each template's report, the counts, and anything recovered or worth a warning.
/// </summary>
public sealed record RewriteResult(
    string Mode,
    string? Env,
    string? Boundary,
    bool DryRun,
    string? Message,
    IReadOnlyList<FileReport> Files,
    RewriteSummary Summary,
    RestoreResult? Recovered,
    IReadOnlyList<string> Warnings);
