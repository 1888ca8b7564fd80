using Boundary.Templates;

namespace Boundary.Push;

/// <summary>One template's outcome: its path as shown to the user, its principals and, with --dry-run, its diff.</summary>
public sealed record FileReport(string Path, bool Changed, IReadOnlyList<PrincipalReport> Principals, string? Diff)
{
    public int Count(PrincipalAction action) => Principals.Count(p => p.Action == action);
}
