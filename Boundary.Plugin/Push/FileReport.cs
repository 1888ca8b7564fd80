using Boundary.Templates;

namespace Boundary.Push;

/// <summary>One template's outcome: its path as shown to the user, its principals and, with --dry-run, its diff.</summary>
/// <param name="RenderDiff">With --dry-run, renders the diff when it is printed (null otherwise).</param>
public sealed record FileReport(string Path, bool Changed, IReadOnlyList<PrincipalReport> Principals, Func<string>? RenderDiff)
{
    /// <summary>The unified diff (dry run only): rendered on each call, so that it is held only while it is printed.</summary>
    public string? Diff() => RenderDiff?.Invoke();

    public int Count(PrincipalAction action) => Principals.Count(p => p.Action == action);
}
