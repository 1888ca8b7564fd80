using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Json;
using Boundary.Text;

namespace Boundary.HookSetup;

/// <summary>
/// Installs, removes and inspects the command hooks that run 'dotnet boundary hook pre-push/post-push'
/// in <c>amplify/hooks/</c>. Plain logic: paths in, records out, no console.
/// </summary>
public sealed class HookInstaller(AmplifyProject project)
{
    // Latin-1 maps every byte to one char and back, so user files round-trip byte for byte whatever their encoding.
    private static readonly Encoding Bytes = Encoding.Latin1;

    public AmplifyProject Project { get; } = project;

    /// <summary>For tests: called with each hook file's path just before it is replaced.</summary>
    internal Action<string>? BeforeReplace { get; init; }

    /// <summary>
    /// Installs both hooks, or neither: when one cannot be installed (a conflict), the other's writes are
    /// held too, so that a push never runs with one hook of the pair (pre-push's edits with no post-push
    /// to put them back, or a post-push alone). A hook that waits for the user's call (a hook in another
    /// language) gets its script, and holds the other's writes until the call is there.
    /// </summary>
    public IReadOnlyList<HookInstallOutcome> Install()
    {
        var planned = HookScripts.Hooks.Select(hook =>
        {
            var writes = new List<ScriptWrite>();
            return (Outcome: InstallOne(hook, writes), Writes: writes);
        }).ToList();
        var conflict = planned.Select(p => p.Outcome).FirstOrDefault(o => o.Action == HookAction.Conflict);
        var waiting = planned.Select(p => p.Outcome).FirstOrDefault(o => o.Action == HookAction.ManualStep);
        var held = conflict is not null
            ? $"not written, since the {conflict.Hook} hook cannot be installed: the two are installed together or not at all"
            : waiting is not null
                ? $"not written yet, since the {waiting.Hook} hook does not call the tool yet: add the call, then run 'dotnet boundary hook install' again to install the two together"
                : null;
        var outcomes = new List<HookInstallOutcome>();
        var writes = new List<ScriptWrite>();
        foreach (var (outcome, hookWrites) in planned)
        {
            if (held is not null && outcome.FilesWritten.Count > 0 && (conflict is not null || outcome.Action != HookAction.ManualStep))
            {
                outcomes.Add(outcome with { Action = HookAction.Held, FilesWritten = [], Message = held, Snippet = null });
                continue;
            }
            outcomes.Add(outcome);
            writes.AddRange(hookWrites);
        }
        WriteAll(writes);
        return outcomes;
    }

    /// <summary>A hook file to write (a script of the tool's, or the user's hook with the block in it).</summary>
    /// <param name="Before">What the file held (Latin-1, byte for byte), or null when there was none: put back if a later write fails.</param>
    private sealed record ScriptWrite(string Path, string Text, bool Executable, string? Before);

    /// <summary>
    /// Every file, or none: each is checked (a folder or special file in its place, a file this user may
    /// not write or replace) and staged beside its target before the first is replaced; when replacing one
    /// fails all the same, those replaced before it are put back.
    /// </summary>
    private void WriteAll(IReadOnlyList<ScriptWrite> writes)
    {
        foreach (var write in writes)
            AtomicFile.EnsureStageable(Project.Root, write.Path);
        var prepared = new List<PreparedWrite>();
        try
        {
            foreach (var write in writes)
            {
                CreateFolder(Path.GetDirectoryName(write.Path)!);
                var bytes = Bytes.GetBytes(write.Text);
                prepared.Add(AtomicFile.Prepare(Project.Root, write.Path, stream => stream.Write(bytes), refuseAhead: true, executable: write.Executable));
            }
            for (var i = 0; i < prepared.Count; i++)
            {
                try
                {
                    BeforeReplace?.Invoke(writes[i].Path);
                    prepared[i].Commit();
                }
                catch (BoundaryException failed)
                {
                    throw PutBack(writes.Take(i).ToList(), failed);
                }
            }
        }
        finally
        {
            foreach (var write in prepared)
                write.Dispose();
        }
    }

    /// <summary>Puts back the files <paramref name="replaced"/> before <paramref name="failed"/>; the error to report, saying what is left.</summary>
    private BoundaryException PutBack(IReadOnlyList<ScriptWrite> replaced, BoundaryException failed)
    {
        var problems = new List<string>();
        foreach (var write in replaced)
        {
            try
            {
                if (write.Before is null)
                    Delete(write.Path);
                else
                    Write(write.Path, write.Before);
            }
            catch (BoundaryException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count == 0)
            return BoundaryException.File(failed.Message + (replaced.Count == 0 ? "\nNo hook file was changed." : $"\nThe hook {(replaced.Count == 1 ? "file" : "files")} written before it {(replaced.Count == 1 ? "was" : "were")} put back as {(replaced.Count == 1 ? "it was" : "they were")}; no hook is installed."), failed);
        return BoundaryException.File($"Installing the hooks failed, and putting back what was written before failed too:\n{failed.Message}\n{string.Join("\n", problems)}\nRun 'dotnet boundary hook status' to see the hooks as they are, and 'dotnet boundary hook install' again once the problem is fixed.", failed);
    }

    public IReadOnlyList<HookRemoval> Uninstall() => HookScripts.Hooks.Select(UninstallOne).ToList();

    public IReadOnlyList<HookStatus> Status() => HookScripts.Hooks.Select(StatusOf).ToList();

    /// <summary>A path relative to the project root with forward slashes, for messages and JSON.</summary>
    public string Relative(string path) => Path.GetRelativePath(Project.Root, path).Replace('\\', '/');

    /// <summary>
    /// The files the host would run for <paramref name="hook"/>: regular files in amplify/hooks whose name
    /// is <c>&lt;hook&gt;.&lt;ext&gt;</c>, with ext js, sh or one declared in hooks-config.json.
    /// </summary>
    public IReadOnlyList<string> HookFiles(string hook)
    {
        if (!Directory.Exists(Project.HooksDir))
            return [];
        var extensions = SupportedExtensions();
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(Project.HooksDir).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{Project.HooksDir}: cannot be read ({e.Message}); it may have been moved while 'dotnet boundary' ran. Nothing was changed. Check the folder and run again.", e);
        }
        return files
            .Where(f =>
            {
                var name = Path.GetFileName(f);
                var dot = name.LastIndexOf('.');
                return dot > 0 && name[..dot] == hook && extensions.Contains(name[(dot + 1)..]);
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public HashSet<string> SupportedExtensions()
    {
        var extensions = new HashSet<string>(StringComparer.Ordinal) { "js", "sh" };
        var config = Project.HooksConfigPath;
        if (File.Exists(config) && Project.LoadJson(config).Find("extensions") is { IsObject: true } declared)
            foreach (var property in declared.Properties)
                extensions.Add(property.Name);
        return extensions;
    }

    public string HelperPath(string hook) => Path.Combine(Project.HooksDir, "dotnet-boundary", $"{hook}.sh");

    /// <summary>What installing <paramref name="hook"/> does; its writes are added to <paramref name="writes"/>, not made.</summary>
    private HookInstallOutcome InstallOne(string hook, List<ScriptWrite> writes)
    {
        // A hooks folder linked out of the project is refused as a way out (ProjectPath names the link);
        // one linked inside it is a conflict, like a linked hook.
        ProjectPath.Confine(Project.Root, Project.HooksDir);
        if (LinkConflict(hook, Project.HooksDir) is { } linkedFolder)
            return linkedFolder;
        var files = HookFiles(hook);
        if (files.Count > 1)
            return new HookInstallOutcome(hook, HookAction.Conflict, null, [],
                $"{string.Join(" and ", files.Select(Relative))} share the base name '{hook}', which the Amplify CLI refuses ('found duplicate hook scripts'). Keep one of them and run 'dotnet boundary hook install' again.", null);

        if (files.Count == 1 && LinkConflict(hook, files[0]) is { } linked)
            return linked;
        if (files.Count == 0)
        {
            var created = Path.Combine(Project.HooksDir, $"{hook}.sh");
            writes.Add(new ScriptWrite(created, HookScripts.File(hook), Executable: true, Before: null));
            return new HookInstallOutcome(hook, HookAction.Created, Relative(created), [Relative(created)], $"created {Relative(created)}", null);
        }

        var file = files[0];
        var relative = Relative(file);
        var text = Read(file);
        if (Path.GetExtension(file) == ".sh")
        {
            var block = FindBlock(text);
            if (text == HookScripts.File(hook))
                return new HookInstallOutcome(hook, HookAction.AlreadyInstalled, relative, [], $"{relative}: already installed", null);
            if (block is { Complete: true } found && found.Text(text) == HookScripts.Block(hook))
                return new HookInstallOutcome(hook, HookAction.AlreadyInstalled, relative, [], $"{relative}: already installed (block in your hook)", null);
            if (block is { Complete: true } changed)
            {
                writes.Add(new ScriptWrite(file, text[..changed.Start] + HookScripts.Block(hook) + text[changed.End..], Executable: false, Before: text));
                return new HookInstallOutcome(hook, HookAction.BlockUpdated, relative, [relative], $"{relative}: replaced the changed dotnet-boundary block with the current one", null);
            }
            if (block is not null)
                return new HookInstallOutcome(hook, HookAction.Conflict, relative, [],
                    $"{relative}: has a '{HookScripts.BeginMarker}' line without its '{HookScripts.EndMarker}' line. Remove the broken block by hand and run 'dotnet boundary hook install' again.", null);
            var at = InsertionPoint(text, out var prefix);
            writes.Add(new ScriptWrite(file, text[..at] + prefix + HookScripts.Block(hook) + text[at..], Executable: false, Before: text));
            return new HookInstallOutcome(hook, HookAction.BlockAdded, relative, [relative],
                $"{relative}: is your own hook, so the dotnet-boundary block went into it ({(at == 0 ? "at its start: it has no #! line" : "after its #! line")}), between '# {HookScripts.BeginMarker}' and '# {HookScripts.EndMarker}'", null);
        }

        // A hook in another language: the host runs one file per hook, so ours cannot sit next to it. The helper
        // script goes into a sub-folder (which the host does not look into) and the user's hook must call it.
        var helper = HelperPath(hook);
        if ((LinkConflict(hook, Path.GetDirectoryName(helper)!) ?? LinkConflict(hook, helper)) is { } linkedHelper)
            return linkedHelper;
        var written = new List<string>();
        var helperBefore = File.Exists(helper) ? Read(helper) : null;
        if (helperBefore != HookScripts.File(hook))
        {
            writes.Add(new ScriptWrite(helper, HookScripts.File(hook), Executable: true, Before: helperBefore));
            written.Add(Relative(helper));
        }
        if (FindBlock(text) is { Complete: true })
            return new HookInstallOutcome(hook, HookAction.AlreadyInstalled, relative, written,
                written.Count == 0 ? $"{relative}: already installed (call in your hook)" : $"{relative}: already calls the hook; rewrote {Relative(helper)}", null);
        var extension = Path.GetExtension(file);
        var snippet = extension == ".js" ? HookScripts.JavaScriptCall(hook) : null;
        var message = snippet is not null
            ? $"{relative} is your own hook and the Amplify CLI runs only one '{hook}' file, so the tool wrote {Relative(helper)} and your hook must call it. Add these lines at the top of {relative}, then run 'dotnet boundary hook install' again to check:"
            : $"{relative} is your own hook and the Amplify CLI runs only one '{hook}' file, so the tool wrote {Relative(helper)} and your hook must call it: at its start, run 'bash amplify/hooks/{HookScripts.HelperRelativePath(hook)}' from the project root with your hook's stdin as its stdin, exit with its exit code when that is not 0, and give your own code the same stdin. Put those lines between two comment lines that end with '{HookScripts.BeginMarker}' and '{HookScripts.EndMarker}', so that 'hook status' and 'hook uninstall' recognise them. Then run 'dotnet boundary hook install' again to check.";
        return new HookInstallOutcome(hook, HookAction.ManualStep, relative, written, message, snippet);
    }

    private HookRemoval UninstallOne(string hook)
    {
        var changed = new List<string>();
        var warnings = new List<string>();
        var action = HookRemovalAction.NotInstalled;
        var linkedFolder = NativeFiles.KindOf(Project.HooksDir, followLinks: false) == FileKind.SymbolicLink;
        foreach (var file in HookFiles(hook))
        {
            var relative = Relative(file);
            if (linkedFolder || NativeFiles.KindOf(file, followLinks: false) == FileKind.SymbolicLink)
            {
                warnings.Add($"{relative}: a link; left as it is (the tool never writes a hook through a link).");
                action = HookRemovalAction.Left;
                continue;
            }
            var text = Read(file);
            if (text == HookScripts.File(hook))
            {
                Delete(file);
                changed.Add(relative);
                action = HookRemovalAction.RemovedFile;
                continue;
            }
            var block = FindBlock(text);
            if (block is null)
                continue;
            if (!block.Value.Complete)
            {
                warnings.Add($"{relative}: has a '{HookScripts.BeginMarker}' line without its '{HookScripts.EndMarker}' line; left as it is. Remove the block by hand.");
                action = HookRemovalAction.Left;
                continue;
            }
            if (Path.GetExtension(file) == ".sh" && block.Value.Text(text) != HookScripts.Block(hook))
                warnings.Add($"{relative}: the dotnet-boundary block had been changed; removed it all the same (everything between the markers).");
            var rest = text[..block.Value.Start] + text[block.Value.End..];
            if (rest == HookScripts.Shebang)
            {
                Delete(file); // the file install wrote, with nothing of the user's left in it
                action = HookRemovalAction.RemovedFile;
            }
            else
            {
                Write(file, rest);
                action = HookRemovalAction.RemovedBlock;
            }
            changed.Add(relative);
        }

        var helper = HelperPath(hook);
        if (File.Exists(helper))
        {
            if (Read(helper) == HookScripts.File(hook))
            {
                Delete(helper);
                changed.Add(Relative(helper));
                if (action == HookRemovalAction.NotInstalled)
                    action = HookRemovalAction.RemovedFile;
                var folder = Path.GetDirectoryName(helper)!;
                var realFolder = ProjectPath.Confine(Project.Root, folder);
                if (!Directory.EnumerateFileSystemEntries(realFolder).Any())
                    AtomicFile.DeleteEmptyFolder(Project.Root, realFolder);
            }
            else
            {
                warnings.Add($"{Relative(helper)}: changed since 'hook install' wrote it; left as it is.");
                action = HookRemovalAction.Left;
            }
        }
        return new HookRemoval(hook, action, changed, warnings);
    }

    private HookStatus StatusOf(string hook)
    {
        var files = HookFiles(hook);
        if (files.Count == 0)
            return new HookStatus(hook, HookState.NotInstalled, null, $"no amplify/hooks/{hook}.* file");
        if (files.Count > 1)
            return new HookStatus(hook, HookState.Conflict, null, $"{string.Join(" and ", files.Select(Relative))} share a base name: the Amplify CLI refuses to run either");
        var file = files[0];
        var relative = Relative(file);
        var text = Read(file);
        var block = FindBlock(text);
        if (Path.GetExtension(file) == ".sh")
        {
            if (text == HookScripts.File(hook))
                return new HookStatus(hook, HookState.InstalledFile, relative, "installed (file)");
            if (block is null)
                return new HookStatus(hook, HookState.NotInstalled, relative, "your own hook, without the dotnet-boundary block");
            if (block.Value.Complete && block.Value.Text(text) == HookScripts.Block(hook))
                return new HookStatus(hook, HookState.InstalledBlock, relative, "installed (block in your hook)");
            return new HookStatus(hook, HookState.Modified, relative, block.Value.Complete
                ? "the dotnet-boundary block differs from what this version installs ('hook install' replaces it)"
                : "the dotnet-boundary block has lost its end marker");
        }
        if (block is not { Complete: true })
            return new HookStatus(hook, HookState.NotInstalled, relative, $"your own hook, without a call of amplify/hooks/{HookScripts.HelperRelativePath(hook)} ('hook install' explains what to add)");
        var helper = HelperPath(hook);
        if (!File.Exists(helper))
            return new HookStatus(hook, HookState.Modified, relative, $"your hook calls amplify/hooks/{HookScripts.HelperRelativePath(hook)}, which is missing ('hook install' writes it)");
        if (Read(helper) != HookScripts.File(hook))
            return new HookStatus(hook, HookState.Modified, relative, $"amplify/hooks/{HookScripts.HelperRelativePath(hook)} differs from what this version installs ('hook install' rewrites it)");
        return new HookStatus(hook, HookState.InstalledCall, relative, "installed (call in your hook)");
    }

    /// <summary>A marked block: from the start of its first marker line to the end of its last (line ending included).</summary>
    public readonly record struct BlockSpan(int Start, int End, bool Complete)
    {
        public string Text(string text) => text[Start..End];
    }

    public static BlockSpan? FindBlock(string text)
    {
        int? start = null;
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline + 1;
            var line = text[lineStart..lineEnd].TrimEnd('\r', '\n').TrimEnd();
            if (start is null && line.EndsWith(HookScripts.BeginMarker, StringComparison.Ordinal))
                start = lineStart;
            else if (start is not null && line.EndsWith(HookScripts.EndMarker, StringComparison.Ordinal))
                return new BlockSpan(start.Value, lineEnd, true);
            lineStart = lineEnd;
        }
        return start is null ? null : new BlockSpan(start.Value, text.Length, false);
    }

    /// <summary>After the shebang line when there is one (so that it stays first), else at the very start.</summary>
    private static int InsertionPoint(string text, out string prefix)
    {
        prefix = "";
        if (!text.StartsWith("#!", StringComparison.Ordinal))
            return 0;
        var newline = text.IndexOf('\n');
        if (newline >= 0)
            return newline + 1;
        prefix = "\n";
        return text.Length;
    }

    /// <summary>A hook file's text, never through a link that leaves the project (see <see cref="AmplifyProject.LoadJson"/>).</summary>
    private string Read(string path)
    {
        ProjectPath.ConfineRead(Project.Root, path);
        return Bytes.GetString(SourceText.Read(path).Bytes);
    }

    /// <summary>
    /// A hook file that is a link is never written through: a repository could point it at any file of
    /// the project (its settings, a function's code), which would then get the tool's block.
    /// </summary>
    private HookInstallOutcome? LinkConflict(string hook, string file) =>
        NativeFiles.KindOf(file, followLinks: false) == FileKind.SymbolicLink
            ? new HookInstallOutcome(hook, HookAction.Conflict, Relative(file), [],
                $"{Relative(file)}: a link; the tool never writes a hook through a link (nor into a hooks folder that is one). Replace it with the script or folder itself (or delete it) and run 'dotnet boundary hook install' again.", null)
            : null;

    private void Write(string path, string text) => AtomicFile.Write(Project.Root, path, Bytes.GetBytes(text));

    /// <summary>Creates a folder inside the project, never through a link that leaves it.</summary>
    private void CreateFolder(string folder)
    {
        var real = ProjectPath.Confine(Project.Root, folder);
        try
        {
            Folders.Create(real);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{folder}: cannot be created ({e.Message}). Check the folder's permissions.", e);
        }
    }

    private void Delete(string path) => AtomicFile.Delete(Project.Root, path);
}
