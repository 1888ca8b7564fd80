using System.Text.Json;
using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// <c>amplify/boundary-owned.json</c>: the boundaries <c>--persist</c> wrote into templates, so that a later
/// run updates or removes exactly those and never a value a person wrote. It sits next to the templates
/// and is meant to be committed with them (a teammate's clone needs it too), so it is written
/// sorted and indented for small diffs.
/// </summary>
public sealed class Ownership
{
    public const string FileName = "boundary-owned.json";

    private readonly HashSet<OwnedBoundary> owned;

    private Ownership(string? text, IEnumerable<OwnedBoundary> owned)
    {
        Text = text;
        this.owned = [.. owned];
    }

    /// <summary>The file's text as read (null when there was no file): the journal keeps it to undo a persist run.</summary>
    public string? Text { get; }

    public IReadOnlyCollection<OwnedBoundary> Entries => owned;

    public static string PathOf(AmplifyProject project) => Path.Combine(project.AmplifyDir, FileName);

    public bool Owns(string file, string logicalId, string value) => owned.Contains(new OwnedBoundary(file, logicalId, value));

    public const string Comment = "Written by 'dotnet boundary hook pre-push --persist': the permissions boundaries it added to templates, so that it updates or removes only those. Commit it with the templates.";

    /// <summary>
    /// The ownership file, checked: it is committed, so it is untrusted like any file in a repository.
    /// Every entry must name a template under amplify/backend by a relative path and hold a valid
    /// policy ARN; anything else is an error naming the file and how to discard it.
    /// </summary>
    public static Ownership Load(AmplifyProject project)
    {
        var path = PathOf(project);
        var real = ProjectPath.Confine(project.Root, path);
        // Also a link inside the project, refused before anything is written: it is saved after the
        // templates, and through a link it would be written elsewhere (or fail part way).
        if (NativeFiles.KindOf(path, followLinks: false) == FileKind.SymbolicLink)
            throw Bad(path, "a link; it must be a plain file");
        if (NativeFiles.KindOf(real, followLinks: false) == FileKind.Missing)
            return new Ownership(null, []);
        var source = SourceText.Read(real);
        string text;
        try
        {
            text = source.DecodeUtf8();
        }
        catch (BoundaryException e)
        {
            throw Bad(path, e.Message);
        }
        var (document, problem) = Parse(text);
        if (problem is not null)
            throw Bad(path, problem);
        return new Ownership(text, document!.Owned);
    }

    /// <summary>Null when <paramref name="text"/> is a valid ownership file, else the problem.</summary>
    public static string? Check(string text) => Parse(text).Problem;

    private static (OwnershipDocument? Document, string? Problem) Parse(string text)
    {
        OwnershipDocument document;
        try
        {
            document = StateJson.Deserialize<OwnershipDocument>(Encoding.UTF8.GetBytes(text));
        }
        catch (JsonException e)
        {
            // The reader's message names the tool's own types: the place and the expected shape say more.
            return (null, $"not of the ownership file's schema at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1}): it holds {{\"owned\": [{{\"file\": ..., \"logicalId\": ..., \"value\": ...}}, ...]}} and an optional \"comment\", nothing else");
        }
        foreach (var entry in document.Owned)
        {
            if (ProjectPath.CheckRelative(entry.File) is { } badPath)
                return (null, badPath);
            if (!entry.File.StartsWith(PushRestorer.BackendPrefix, StringComparison.Ordinal))
                return (null, $"'{entry.File}' is not under {PushRestorer.BackendPrefix}");
            if (!PushJournal.CanRecord(entry.LogicalId))
                return (null, "a logical id that is empty or holds a control character");
            if (!PolicyArn.TryParse(entry.Value, out _, out var problem))
                return (null, $"the value of {entry.File} {entry.LogicalId} is not a valid policy ARN ({problem})");
        }
        return (document, null);
    }

    private static BoundaryException Bad(string path, string problem) =>
        BoundaryException.File($"{path}: {problem}. Nothing was changed. Restore it from version control ('git checkout -- amplify/{FileName}'), or discard it ('rm amplify/{FileName}': the boundaries it listed then count as set by a person).");

    /// <summary>The file's text for <paramref name="entries"/>, or null when there are none (the file is then deleted).</summary>
    public static string? Render(IEnumerable<OwnedBoundary> entries)
    {
        var sorted = entries.Distinct()
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.LogicalId, StringComparer.Ordinal)
            .ThenBy(e => e.Value, StringComparer.Ordinal)
            .ToList();
        if (sorted.Count == 0)
            return null;
        return Encoding.UTF8.GetString(StateJson.Serialize(new OwnershipDocument(sorted, Comment), indented: true)) + "\n";
    }

    /// <summary>
    /// Refuses, before any template is replaced, what <see cref="Save"/> would refuse once they were: the
    /// file is written (or deleted) only after the templates, so its failure would leave them changed.
    /// </summary>
    public static void EnsureSavable(AmplifyProject project, string? text)
    {
        var path = PathOf(project);
        if (text is not null)
        {
            AtomicFile.EnsureReplaceable(path, AtomicFile.EnsureStageable(project.Root, path));
            return;
        }
        AtomicFile.EnsureDeletable(path, ProjectPath.Confine(project.Root, path));
    }

    /// <summary>Writes <paramref name="text"/> (atomically), or deletes the file when it is null.</summary>
    public static void Save(AmplifyProject project, string? text)
    {
        var path = PathOf(project);
        if (text is null)
            AtomicFile.Delete(project.Root, path);
        else
            AtomicFile.Write(project.Root, path, Encoding.UTF8.GetBytes(text));
    }
}
