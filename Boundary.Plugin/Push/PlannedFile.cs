using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// One template's plan, kept compact: the edits, their inverse, the hashes before and after and the
/// outcomes, but not the file's bytes nor its parse, so that a project of thousands of templates is
/// planned whole (any error stops the run before a write) in little memory. For a run that writes, the
/// edited bytes go into a temp file beside the template while it is read (each file is read once), and
/// <see cref="Write"/> only renames it into place; a dry run renders its diff when asked, from the file
/// as it still is. <see cref="Path"/> is relative, '/'-separated.
/// </summary>
public sealed class PlannedFile
{
    private readonly PreparedWrite? staged;
    private readonly FileStamp? stampAsRead;
    private readonly IReadOnlyList<TextEdit>? diffEdits;

    /// <param name="dryRun">Nothing will be written: stage nothing, render the diff on demand.</param>
    public PlannedFile(string root, string fullPath, string path, TemplatePlan plan, bool dryRun)
    {
        Root = root;
        FullPath = fullPath;
        Path = path;
        Principals = PrincipalRecords.Of(plan.Outcomes);
        RolesFound = plan.Template.Principals.Count(r => r.Type == TemplateResource.Role || r.IsSam);
        UsersFound = plan.Template.Principals.Count(r => r.Type == TemplateResource.User);
        Changes = plan.Edits.Count > 0;
        if (!Changes)
            return;
        var source = plan.Template.Source;
        // The stamp is the one of the bytes read (size and last write time from before the read): one
        // taken now would vouch for a save made while the template was parsed.
        stampAsRead = source.LastWriteTicksAsRead is { } ticks
            ? new FileStamp(source.Length, ticks)
            : throw new InvalidOperationException($"{path} was not read from its file, so whether it changed since cannot be told.");
        if (dryRun)
        {
            // A template to change must be one the run that writes can stage: refused as that run refuses
            // it (out of the root, read-only, a name too long for its temp file, a folder the temp file
            // cannot be made in, immutable or append-only), which finds out before any file is replaced.
            var target = AtomicFile.EnsureStageable(root, fullPath);
            TempFiles.EnsureNameFits(fullPath, target);
            AtomicFile.EnsureReplaceable(fullPath, target);
            // Nothing to undo or to journal: only the edits, for the diff.
            diffEdits = PackedEdits.Of(plan.Edits);
            return;
        }
        BeforeHash = JournalHash.Written.Hash(source.Bytes);
        Undo = TextEdit.Inverse(source.Bytes, plan.Edits);
        // The edits are not kept: the staged file holds their result, the undo edits their inverse.
        var hash = JournalHash.StartWritten();
        staged = AtomicFile.Prepare(root, fullPath, stream => TextEdit.WriteTo(stream, source.Bytes, plan.Edits, hash), durable: false, refuseAhead: true);
        AfterHash = JournalHash.Finish(hash);
    }

    /// <summary>The folder no write may leave (the project, or the folder given to inject).</summary>
    public string Root { get; }

    public string FullPath { get; }

    public string Path { get; }

    /// <summary>The outcome for each principal the plan covered (packed: a run keeps them until its report).</summary>
    public PrincipalRecords Principals { get; }

    /// <summary>The template's roles, SAM functions and state machines (those that make a role), covered or not.</summary>
    public int RolesFound { get; }

    /// <summary>The template's IAM users, covered or not.</summary>
    public int UsersFound { get; }

    public bool Changes { get; }

    /// <summary>The <see cref="JournalHash.Written"/> hash of the bytes read (a run that writes).</summary>
    public string BeforeHash { get; } = "";

    /// <summary>The <see cref="JournalHash.Written"/> hash of the edited bytes (a run that writes), taken as they were written.</summary>
    public string AfterHash { get; } = "";

    /// <summary>This file's entry in the push journal (a run that writes and journals), once journaled.</summary>
    public int JournalIndex { get; internal set; } = -1;

    /// <summary>The edits that turn the written file back into the original (a run that writes).</summary>
    public IReadOnlyList<TextEdit> Undo { get; } = [];

    public int Count(PrincipalAction action) => Principals.CountOf(action);

    public FileReport Report() => new(Path, Changes, Principals, diffEdits is null ? null : WriteDiff);

    /// <summary>The unified diff of a dry run, from the file read again (diffs of thousands of files are never held at once).</summary>
    private void WriteDiff(TextWriter output)
    {
        YoungGeneration.Tick();
        using var source = SourceText.ReadPooled(FullPath);
        if (source.LastWriteTicksAsRead is not { } ticks || new FileStamp(source.Length, ticks) != stampAsRead)
            throw ChangedWhileRunning();
        UnifiedDiff.Write(output, Path, source.Bytes, diffEdits!);
    }

    private BoundaryException ChangedWhileRunning() =>
        BoundaryException.File($"{FullPath}: changed while 'dotnet boundary' was running. Run again.");

    /// <summary>Checks the file is still as it was read, and puts the edited bytes in its place (one rename).</summary>
    public void Write()
    {
        if (staged is null)
            throw new InvalidOperationException($"{Path} was planned without being staged.");
        if (RegularFile.Stamp(FullPath) is not { } now || new FileStamp(now.Length, now.LastWriteTicks) != stampAsRead)
            throw ChangedWhileRunning();
        staged.Commit();
    }

    /// <summary>Removes the staged temp file when it was not renamed into place.</summary>
    public void Discard() => staged?.Dispose();

    /// <summary>Puts the original bytes back into a file this run wrote.</summary>
    public void Revert()
    {
        var source = SourceText.Read(FullPath);
        AtomicFile.Write(Root, FullPath, TextEdit.Apply(source.Bytes, Undo));
    }
}
