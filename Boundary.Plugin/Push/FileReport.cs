using Boundary.Templates;

namespace Boundary.Push;

/// <summary>One template's outcome: its path as shown to the user, its principals and, with --dry-run, its diff.</summary>
/// <param name="WriteDiff">With --dry-run, writes the unified diff where it is printed, as it is made (null otherwise).</param>
public sealed record FileReport(string Path, bool Changed, PrincipalRecords Principals, Action<TextWriter>? WriteDiff)
{
    /// <summary>The unified diff as one string (dry run only), for a document that holds it.</summary>
    public string? Diff()
    {
        if (WriteDiff is null)
            return null;
        using var text = new StringWriter { NewLine = "\n" };
        WriteDiff(text);
        return text.ToString();
    }

    public int Count(PrincipalAction action) => Principals.CountOf(action);
}
