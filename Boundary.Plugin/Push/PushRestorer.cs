using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// Undoes the push journal (post-push, restore, and pre-push after a killed run). Each journaled file,
/// in amplify/backend and its copy in #current-cloud-backend alike: holding exactly the bytes the tool
/// wrote, it gets its original bytes back; rewritten since (the host re-serialises a custom stack's
/// template on its first push), it loses exactly the boundaries the tool added (same logical id, same
/// value) and nothing else, so both copies end identical. A copy the host did not replace since the
/// run (stamp unchanged: a failed push) is left alone. The caller holds the project lock.
/// </summary>
public static class PushRestorer
{
    public const string BackendPrefix = AmplifyProject.BackendFolder + "/";
    public const string CopyPrefix = AmplifyProject.CurrentCloudBackendFolder + "/";

    public static RestoreResult Restore(AmplifyProject project)
    {
        var journalPath = PushJournal.PathIn(project.StateDir);
        var journal = PushJournal.Read(project.Root, journalPath);
        if (journal is null)
            return RestoreResult.None;
        var header = journal.Header;
        if (!journal.Complete)
        {
            // Cut short while being written: no file had been touched yet.
            PushJournal.Delete(project.Root, journalPath);
            return new RestoreResult(true, header.Mode, header.Env, header.Boundary, [], []);
        }

        // Every path is confined before any file is written: one that leads out of the project stops the whole undo.
        foreach (var entry in journal.Entries)
        {
            ProjectPath.ResolveRelative(project.Root, entry.Path);
            if (CopyPathOf(entry) is { } copy)
                ProjectPath.ResolveRelative(project.Root, copy);
        }

        var results = new List<RestoredFile>[journal.Entries.Count];
        var warnings = new List<string>[journal.Entries.Count];
        var errors = new List<string>[journal.Entries.Count];
        Parallel.For(0, journal.Entries.Count, index =>
        {
            var entry = journal.Entries[index];
            var files = results[index] = [];
            var notes = warnings[index] = [];
            var problems = errors[index] = [];
            try
            {
                files.Add(new RestoredFile(entry.Path, UndoFile(project, entry.Path, entry, journal.Hash, copy: false, notes)));
                if (CopyPathOf(entry) is { } copyPath)
                {
                    var action = UndoFile(project, copyPath, entry, journal.Hash, copy: true, notes);
                    if (action != RestoreAction.Missing)
                        files.Add(new RestoredFile(copyPath, action));
                }
            }
            catch (BoundaryException e)
            {
                problems.Add(e.Message);
            }
        });

        // The journal lists files in the order they were planned, which varies from run to run; what is said of them goes in path order.
        var order = Enumerable.Range(0, journal.Entries.Count).OrderBy(index => journal.Entries[index].Path, StringComparer.Ordinal).ToList();
        var failed = order.SelectMany(index => errors[index]).ToList();
        if (failed.Count > 0)
        {
            var others = order.SelectMany(index => results[index]).Count(f => f.Action is RestoreAction.Restored or RestoreAction.PropertiesRemoved);
            var kept = others == 0
                ? $"The journal {journalPath} was kept"
                : $"{(others == 1 ? "1 other file was" : $"{others} other files were")} put back; the journal {journalPath} was kept";
            throw BoundaryException.File(string.Join("\n", failed) + $"\n{kept}: fix the problem and run 'dotnet boundary restore' to finish.");
        }

        var restored = order.SelectMany(index => results[index]).ToList();
        try
        {
            if (header.RecordsOwnership)
            {
                var ownershipPath = ProjectPath.Confine(project.Root, Ownership.PathOf(project));
                var current = RegularFile.Exists(ownershipPath) ? Encoding.UTF8.GetString(RegularFile.ReadAllBytes(ownershipPath)) : null;
                if (current != header.OwnershipBefore)
                {
                    Ownership.Save(project, header.OwnershipBefore);
                    restored.Add(new RestoredFile(OwnershipRecordPath, RestoreAction.Restored));
                }
            }
            PushJournal.Delete(project.Root, journalPath);
        }
        catch (BoundaryException e)
        {
            // The templates are back as they were, which is what matters before a commit; a journal left
            // behind is undone again harmlessly (each file is found as it was), or discarded.
            var changed = restored.Count(f => f.Action is RestoreAction.Restored or RestoreAction.PropertiesRemoved);
            var done = changed == 0 ? "Every file the journal lists was already as it was" : $"{TemplateRewrite.Plural(changed, "file")} {(changed == 1 ? "was" : "were")} put back";
            throw BoundaryException.File($"{e.Message}\n{done}; the journal {journalPath} was kept. " +
                                         $"Once that is fixed, run 'dotnet boundary restore' (it finds what is already back) or '{PushJournal.DiscardCommand}'.", e);
        }
        return new RestoreResult(true, header.Mode, header.Env, header.Boundary, restored, order.SelectMany(index => warnings[index]).ToList());
    }

    /// <summary>Deletes the journal without undoing it: for a journal that cannot be trusted, after the user has checked the templates.</summary>
    public static bool Discard(AmplifyProject project)
    {
        var journalPath = PushJournal.PathIn(project.StateDir);
        var real = ProjectPath.Confine(project.Root, journalPath);
        if (NativeFiles.KindOf(real, followLinks: false) == FileKind.Missing)
            return false;
        PushJournal.Delete(project.Root, journalPath);
        return true;
    }

    /// <summary>The <c>--persist</c> record, as the files put back are named: relative, '/'-separated.</summary>
    private const string OwnershipRecordPath = "amplify/" + Ownership.FileName;

    private static string? CopyPathOf(JournalEntry entry) =>
        entry.Path.StartsWith(BackendPrefix, StringComparison.Ordinal) ? CopyPrefix + entry.Path[BackendPrefix.Length..] : null;

    private static RestoreAction UndoFile(AmplifyProject project, string relativePath, JournalEntry entry, JournalHash journalHash, bool copy, List<string> warnings)
    {
        var fullPath = ProjectPath.ResolveRelative(project.Root, relativePath);
        var kind = NativeFiles.KindOf(fullPath, followLinks: true);
        if (kind is FileKind.Special or FileKind.Directory)
        {
            warnings.Add($"{relativePath}: {NotRegularFileException.Describe(kind)} now, not the template pre-push wrote; left as it is.");
            return RestoreAction.Left;
        }
        if (copy)
        {
            var stamp = FileStamp.Of(fullPath);
            if (stamp is null)
                return RestoreAction.Missing;
            if (stamp == entry.CopyStamp)
                return RestoreAction.NotCopied;
        }
        else if (kind == FileKind.Missing)
        {
            warnings.Add(Renamed(project, relativePath, fullPath, entry, journalHash));
            return RestoreAction.Missing;
        }

        // A reused buffer, and the original bytes written as they are made: a template of hundreds of
        // megabytes is not held twice (nor again beside the next pre-push's read of it).
        using var source = SourceText.ReadPooled(fullPath);
        var hash = journalHash.Hash(source.Bytes);
        if (hash == entry.After)
        {
            EnsureUndoFits(source, relativePath, entry.Undo);
            AtomicFile.Write(project.Root, fullPath, stream => TextEdit.WriteTo(stream, source.Bytes, entry.Undo), durable: false);
            return RestoreAction.Restored;
        }
        if (hash == entry.Before)
            return RestoreAction.AlreadyOriginal;
        return RemoveOurBoundaries(project.Root, source, relativePath, entry, warnings);
    }

    private static void EnsureUndoFits(SourceText source, string relativePath, IReadOnlyList<TextEdit> undo)
    {
        foreach (var edit in undo)
            if (edit.Offset < 0 || edit.RemoveLength < 0 || (long)edit.Offset + edit.RemoveLength > source.Length)
                throw BoundaryException.File($"{relativePath}: the journal's undo edits do not fit the file. Nothing was written to it; check it with 'git diff', then run '{PushJournal.DiscardCommand}'.");
    }

    /// <summary>
    /// The warning for a template gone since pre-push: renamed (a file in the same folder holds exactly
    /// what pre-push wrote), the boundaries are still in it; else say how to look for it.
    /// </summary>
    private static string Renamed(AmplifyProject project, string relativePath, string fullPath, JournalEntry entry, JournalHash journalHash)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        string? renamed = null;
        if (NativeFiles.KindOf(folder, followLinks: true) == FileKind.Directory)
        {
            foreach (var candidate in Directory.EnumerateFiles(folder))
            {
                if (NativeFiles.KindOf(candidate, followLinks: false) != FileKind.Regular)
                    continue;
                try
                {
                    if (journalHash.Hash(RegularFile.ReadAllBytes(candidate)) == entry.After)
                    {
                        renamed = candidate;
                        break;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or BoundaryException)
                {
                }
            }
        }
        var added = Describe(entry);
        if (renamed is not null)
        {
            var shown = Path.GetRelativePath(project.Root, renamed).Replace(Path.DirectorySeparatorChar, '/');
            return $"{relativePath}: gone since pre-push, renamed to {shown}, which still holds the boundaries pre-push added: {added}. " +
                   $"Remove them from {shown} by hand ('git diff' shows them) before you commit it.";
        }
        var value = entry.Added.Select(a => a.Value).Concat(entry.Replaced.Select(r => r.NewValue)).FirstOrDefault() ?? "PermissionsBoundary";
        return $"{relativePath}: gone since pre-push (deleted, or renamed or moved elsewhere), so nothing was undone there. " +
               $"If it was renamed, the new file still holds {added}: look for it with \"grep -rn '{value}' amplify/backend\" and remove them by hand.";
    }

    /// <summary>The fallback for a file rewritten since the run: remove exactly the values the tool added (or put back the ones it replaced).</summary>
    private static RestoreAction RemoveOurBoundaries(string root, SourceText source, string relativePath, JournalEntry entry, List<string> warnings)
    {
        var values = entry.Added.Select(a => a.Value).Concat(entry.Replaced.Select(r => r.NewValue)).Distinct().ToList();
        // Cheap first: a file that no longer holds any of the values needs no parse.
        if (!values.Any(v => source.Bytes.IndexOf(Encoding.UTF8.GetBytes(v)) >= 0))
            return RestoreAction.NothingToUndo;
        CloudFormationTemplate? template;
        try
        {
            template = CloudFormationTemplate.Load(source);
        }
        catch (BoundaryException e)
        {
            warnings.Add($"{e.Message}\n  {relativePath} changed since the boundary was applied and cannot be parsed, so the boundaries 'dotnet boundary' added are still in it: {Describe(entry)}.");
            return RestoreAction.Left;
        }
        if (template is null)
        {
            warnings.Add($"{relativePath} changed since the boundary was applied and is no longer a template this tool can edit; check it for {Describe(entry)}.");
            return RestoreAction.Left;
        }
        var byId = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        foreach (var resource in template.Principals)
            byId[resource.LogicalId] = resource;
        var edits = new List<TextEdit>();
        foreach (var added in entry.Added)
            if (byId.TryGetValue(added.LogicalId, out var resource) && resource.Boundary == BoundaryKind.Literal && resource.BoundaryValue == added.Value)
                edits.Add(template.RemoveBoundary(resource));
        foreach (var replaced in entry.Replaced)
            if (byId.TryGetValue(replaced.LogicalId, out var resource) && resource.Boundary == BoundaryKind.Literal && resource.BoundaryValue == replaced.NewValue)
                edits.Add(template.ReplaceBoundary(resource, replaced.OldValue));
        if (edits.Count == 0)
            return RestoreAction.NothingToUndo;
        AtomicFile.Write(root, source.Path, stream => TextEdit.WriteTo(stream, source.Bytes, edits), durable: false);
        return RestoreAction.PropertiesRemoved;
    }

    private static string Describe(JournalEntry entry) =>
        string.Join(", ", entry.Added.Select(a => $"{a.LogicalId}.Properties.PermissionsBoundary = {a.Value}")
            .Concat(entry.Replaced.Select(r => $"{r.LogicalId}.Properties.PermissionsBoundary = {r.NewValue} (was {r.OldValue})")));
}
