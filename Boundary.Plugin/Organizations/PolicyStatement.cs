namespace Boundary.Organizations;

/// <summary>
/// A statement of a policy document as written: lists are always lists (a single string becomes one
/// item), a missing element is an empty list. <see cref="Error"/> says why the statement could not be read.
/// </summary>
public sealed record PolicyStatement(
    int Index,
    string? Sid,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> NotResources,
    IReadOnlyList<PolicyCondition> Conditions,
    string? Error = null)
{
    public bool IsDeny => string.Equals(Effect, "Deny", StringComparison.Ordinal);

    /// <summary>How messages name it: its Sid, else its position (1-based).</summary>
    public string Label => string.IsNullOrEmpty(Sid) ? $"statement {Index + 1}" : $"statement '{Sid}'";

    /// <summary>Whether the statement's Action / NotAction covers <paramref name="action"/> (e.g. iam:CreateRole).</summary>
    public bool Covers(string action) => NotActions.Count > 0
        ? !NotActions.Any(p => PolicyPatterns.ActionMatches(p, action))
        : Actions.Any(p => PolicyPatterns.ActionMatches(p, action));

    /// <summary>Names <paramref name="action"/> (or a pattern made for it, like iam:*PermissionsBoundary) rather than only through <c>*</c> / <c>iam:*</c>.</summary>
    public bool NamesExplicitly(string action) =>
        NotActions.Count == 0 && Actions.Any(p => p is not ("*" or "iam:*") && !p.Equals("iam:*", StringComparison.OrdinalIgnoreCase) && PolicyPatterns.ActionMatches(p, action));
}
