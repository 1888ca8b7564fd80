using Boundary.Templates;

namespace Boundary.Push;

/// <summary>The counts a run ends with.</summary>
public sealed record RewriteSummary(
    int FilesScanned,
    int Templates,
    int RolesFound,
    int UsersFound,
    int Injected,
    int Kept,
    int Updated,
    int Removed,
    int Skipped,
    int FilesChanged)
{
    public static readonly RewriteSummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static RewriteSummary Of(int filesScanned, IReadOnlyList<PlannedFile> plans) => new(
        filesScanned,
        plans.Count,
        plans.Sum(p => p.RolesFound),
        plans.Sum(p => p.UsersFound),
        plans.Sum(p => p.Count(PrincipalAction.Injected)),
        plans.Sum(p => p.Count(PrincipalAction.Kept)),
        plans.Sum(p => p.Count(PrincipalAction.Updated)),
        plans.Sum(p => p.Count(PrincipalAction.Removed)),
        plans.Sum(p => p.Count(PrincipalAction.Skipped)),
        plans.Count(p => p.Changes));
}
