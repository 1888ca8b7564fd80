using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// One template's plan, kept compact: the edits, their inverse, the hashes before and after and the
/// outcomes, but not the file's bytes nor its parse, so that a project of thousands of templates is
/// planned whole (any error stops the run before a write) in little memory. The write reads the file
/// again and checks it still has the hash it was planned from. <see cref="Path"/> is relative, '/'-separated.
/// </summary>
public sealed class PlannedFile
{
    public PlannedFile(string root, string fullPath, string path, TemplatePlan plan, bool withDiff)
    {
        Root = root;
        FullPath = fullPath;
        Path = path;
        Edits = plan.Edits;
        Outcomes = plan.Outcomes;
        Principals = plan.Template.Principals;
        if (!Changes)
            return;
        // A template to change must be writable without leaving the root: refused here, before any write.
        ProjectPath.Confine(root, fullPath);
        var before = plan.Template.Source.Bytes;
        BeforeHash = PushJournal.Hash(before);
        AfterHash = HashAfter(before, Edits);
        Undo = TextEdit.Inverse(before, Edits);
        if (withDiff)
            Diff = UnifiedDiff.Render(path, before, Edits);
    }

    /// <summary>The folder no write may leave (the project, or the folder given to inject).</summary>
    public string Root { get; }

    public string FullPath { get; }

    public string Path { get; }

    /// <summary>The SHA-256 of the edited bytes, hashed piece by piece: no copy of a large file just to hash it.</summary>
    private static string HashAfter(byte[] before, IReadOnlyList<TextEdit> edits)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var position = 0;
        foreach (var edit in edits.OrderBy(e => e.Offset).ThenBy(e => e.RemoveLength))
        {
            hash.AppendData(before, position, edit.Offset - position);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(edit.Insert));
            position = edit.Offset + edit.RemoveLength;
        }
        hash.AppendData(before, position, before.Length - position);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public IReadOnlyList<TextEdit> Edits { get; }

    public IReadOnlyList<PrincipalOutcome> Outcomes { get; }

    public IReadOnlyList<TemplateResource> Principals { get; }

    public bool Changes => Edits.Count > 0;

    public string BeforeHash { get; } = "";

    public string AfterHash { get; } = "";

    /// <summary>The edits that turn the written file back into the original.</summary>
    public IReadOnlyList<TextEdit> Undo { get; } = [];

    public string? Diff { get; }

    public int Count(PrincipalAction action) => Outcomes.Count(o => o.Action == action);

    public FileReport Report() => new(
        Path,
        Changes,
        Outcomes.Select(o => new PrincipalReport(o.Resource.LogicalId, o.Resource.Type, o.Resource.Line, o.Resource.Column, o.Action, o.Note)).ToList(),
        Diff);

    /// <summary>Reads the file again, checks it is still what was planned from, and writes the edited bytes.</summary>
    public void Write()
    {
        var source = SourceText.Read(FullPath);
        if (PushJournal.Hash(source.Bytes) != BeforeHash)
            throw BoundaryException.File($"{FullPath}: changed while 'dotnet boundary' was running. Run again.");
        AtomicFile.Write(Root, FullPath, TextEdit.Apply(source.Bytes, Edits), durable: false);
    }

    /// <summary>Puts the original bytes back into a file this run wrote.</summary>
    public void Revert()
    {
        var source = SourceText.Read(FullPath);
        AtomicFile.Write(Root, FullPath, TextEdit.Apply(source.Bytes, Undo));
    }
}
