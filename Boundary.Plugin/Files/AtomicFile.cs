using Boundary.Core;

namespace Boundary.Files;

/// <summary>
/// Replaces a file's content atomically: the new bytes go into a temp file in the same folder, which
/// then takes the file's place with one rename, so a reader sees the old file or the new, never half.
/// The file's permission bits are kept. Every write is confined to a root folder
/// (<see cref="ProjectPath.Confine"/>): a link that leads out of it is never written through, and no
/// temp file is created outside it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Throws a clear error when a file cannot be replaced, before anything is written.</summary>
    public static void EnsureWritable(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return;
        bool readOnly;
        try
        {
            readOnly = OperatingSystem.IsWindows()
                ? info.IsReadOnly
                : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // a link to nothing: there is no file to be read-only yet
        }
        if (readOnly)
            throw BoundaryException.File($"{path}: the file is read-only. Make it writable (chmod u+w \"{path}\") and run again.");
        // Its folder may let us replace a file we may not write (another user's): the new file would be
        // ours, with our mode, and the owner's file gone. Refused as test -w refuses it.
        if (!OperatingSystem.IsWindows() && NativeFiles.CannotWrite(path))
            throw BoundaryException.File($"{path}: this user may not write the file (it belongs to another user, its permissions deny writing, or its file system is read-only). Run as its owner, or make it writable for this user, and run again.");
    }

    /// <summary>
    /// Every refusal <see cref="Prepare(string, string, Action{Stream}, bool, bool)"/> makes before it writes: a
    /// path out of <paramref name="root"/>, a read-only file, a folder or special file in its place.
    /// A dry run checks the same, so that it fails where the real run would. Returns the confined path.
    /// </summary>
    public static string EnsureStageable(string root, string path)
    {
        var target = ProjectPath.Confine(root, path);
        EnsureWritable(path);
        if (NativeFiles.KindOf(target, followLinks: false) is var kind && kind is FileKind.Special or FileKind.Directory)
            throw new NotRegularFileException(path, kind);
        return target;
    }

    /// <summary>
    /// Refuses <paramref name="path"/> when it could not be replaced: it or its folder marked immutable or
    /// append-only, or a folder its temp file could not be created in, as the kernel judges it for this
    /// process. For a run that must not find out by trying: a dry run, and a file written only after
    /// others were replaced. A write finds out by itself, with the system's reason.
    /// </summary>
    public static void EnsureReplaceable(string path, string target)
    {
        EnsureRenamableOver(path, target);
        var folder = System.IO.Path.GetDirectoryName(target)!;
        if (!NativeFiles.CanCreateIn(folder))
            throw BoundaryException.File($"{path}: cannot be written: its folder is not writable for you, and the new bytes are staged beside the file before it is replaced. Nothing was changed. Make {folder} writable for you (chmod u+w \"{folder}\") and run again.");
    }

    /// <summary>
    /// Refuses <paramref name="path"/> when a file could be made beside it but not renamed over it: it or
    /// its folder marked immutable or append-only, or a sticky folder where neither it nor the folder is
    /// this process's own. Found only at the rename otherwise, after other files were replaced.
    /// </summary>
    private static void EnsureRenamableOver(string path, string target) =>
        EnsureEntryChangeable(path, target, "replaced", ", so the new bytes cannot be renamed into place");

    /// <summary>
    /// Refuses <paramref name="path"/> when it could not be deleted: it or its folder marked immutable or
    /// append-only, another user's file in a sticky folder, or a folder this process may not write. For a
    /// file deleted only after others changed: the push journal once its files are put back, the
    /// <c>--persist</c> record after the templates.
    /// </summary>
    public static void EnsureDeletable(string path, string target)
    {
        EnsureEntryChangeable(path, target, "deleted", "");
        var folder = System.IO.Path.GetDirectoryName(target)!;
        if (!NativeFiles.CanCreateIn(folder))
            throw BoundaryException.File($"{path}: cannot be deleted: its folder is not writable for you. Nothing was changed. Make {folder} writable for you (chmod u+w \"{folder}\") and run again.");
    }

    /// <summary>What keeps the entry at <paramref name="target"/> from being replaced or removed in its folder, whatever the folder's permissions.</summary>
    private static void EnsureEntryChangeable(string path, string target, string verb, string consequence)
    {
        switch (NativeFiles.BlockerOf(System.IO.Path.GetDirectoryName(target)!, target))
        {
            case ReplaceBlocker.ImmutableOrAppendOnly:
                throw BoundaryException.File($"{path}: cannot be {verb}: it or its folder is marked immutable or append-only ('lsattr -d' shows it){consequence}. Nothing was changed. Clear the flag ('chattr -i -a') and run again.");
            case ReplaceBlocker.StickyFolder:
                throw BoundaryException.File($"{path}: cannot be {verb}: its folder has the sticky bit and neither it nor the file is yours{consequence}. Nothing was changed. Run as the file's owner, or move the project to a folder of your own, and run again.");
        }
    }

    /// <summary>The advice for a write or delete the system refused: what blocks the entry, when something does, else <paramref name="otherwise"/>.</summary>
    private static string AdviceFor(string target, string folder, string otherwise) => NativeFiles.BlockerOf(folder, target) switch
    {
        ReplaceBlocker.ImmutableOrAppendOnly => "It or its folder is marked immutable or append-only ('lsattr -d' shows it): clear the flag ('chattr -i -a')",
        ReplaceBlocker.StickyFolder => "Its folder has the sticky bit and neither it nor the file is yours: run as the file's owner",
        _ => otherwise,
    };

    /// <summary>
    /// Replaces <paramref name="path"/> (inside <paramref name="root"/>) with <paramref name="bytes"/>.
    /// With <paramref name="durable"/> the new bytes reach the disk before the rename (an fsync, ~3 ms
    /// here); without it the rename is still atomic for every other process, which is all a killed run
    /// needs: bulk template rewrites skip the fsync and rely on their journal (itself written durably).
    /// </summary>
    /// <param name="executable">Also executable for whoever may read it (a hook script), set with the rest of its mode.</param>
    public static void Write(string root, string path, byte[] bytes, bool durable = true, bool executable = false)
    {
        using var prepared = Prepare(root, path, stream => stream.Write(bytes), durable, executable: executable);
        prepared.Commit();
    }

    /// <summary>
    /// Like <see cref="Write(string, string, byte[], bool)"/>, with the new content written by
    /// <paramref name="write"/> straight into the temp file: a large file's new bytes are never held whole.
    /// </summary>
    public static void Write(string root, string path, Action<Stream> write, bool durable = true)
    {
        using var prepared = Prepare(root, path, write, durable);
        prepared.Commit();
    }

    /// <summary>
    /// Writes the temp file for <paramref name="path"/> without replacing it yet, so that several files
    /// can be prepared before any is replaced (all or nothing across files).
    /// </summary>
    public static PreparedWrite Prepare(string root, string path, byte[] bytes, bool durable = true) =>
        Prepare(root, path, stream => stream.Write(bytes), durable);

    /// <summary>
    /// Like <see cref="Prepare(string, string, byte[], bool)"/>, with the new content written
    /// by <paramref name="write"/> straight into the temp file: a large file's new bytes are never held whole.
    /// </summary>
    /// <param name="refuseAhead">
    /// Refuse before the temp file is made what would fail only later, as a run that changes templates
    /// does: a name too long for its temp file on any machine (<see cref="TempFiles.EnsureNameFits"/>), a
    /// file that cannot be renamed over (<see cref="EnsureRenamableOver"/>). Without it (putting back what
    /// a run changed) only what fails here counts, and only this machine's name limit.
    /// </param>
    public static PreparedWrite Prepare(string root, string path, Action<Stream> write, bool durable = true, bool refuseAhead = false, bool executable = false)
    {
        var target = EnsureStageable(root, path);
        if (refuseAhead)
        {
            TempFiles.EnsureNameFits(path, target);
            EnsureRenamableOver(path, target);
        }
        var temp = TempFiles.NameFor(target);
        try
        {
            using (var stream = TempFiles.Create(temp, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
                if (!OperatingSystem.IsWindows())
                    TakeOwnerAndMode(stream, target, executable);
            }
            return new PreparedWrite(path, target, temp);
        }
        catch (Exception e)
        {
            // Whatever stopped the write (the writer's own exception too), no temp file is left behind.
            TempFiles.Remove(temp);
            if (e is not (IOException or UnauthorizedAccessException))
                throw;
            var folder = System.IO.Path.GetDirectoryName(target)!;
            var fix = AdviceFor(target, folder, $"Make {folder} writable for you (chmod u+w \"{folder}\") and check its free space");
            // Of this file alone: what a run wrote before it is said by the caller.
            throw BoundaryException.File($"{path}: cannot be written ({e.Message}); it was left as it was. {fix}, and run again.", e);
        }
    }

    /// <summary>
    /// The replaced file's owner, group and mode for its temp file (a new file: the owner and group of its
    /// folder, the mode it was made with), execute bits added where asked, all set on the open file: by
    /// name, a link swapped in for the temp file would carry them to its target. The mode comes last, as a
    /// change of owner can clear its set-id bits.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TakeOwnerAndMode(OutputFileStream stream, string target, bool executable)
    {
        // The target as it is now, its link not followed: one swapped for a link to another user's file (a
        // set-user-id program) lends neither that owner nor that mode; set-id bits are never copied.
        var replaced = NativeFiles.PlainModeOf(target);
        var exists = replaced is not null || (!NativeFiles.Supported && File.Exists(target));
        NativeFiles.MatchOwner(stream.Handle, exists ? target : System.IO.Path.GetDirectoryName(target)!);
        var mode = replaced ?? (exists ? File.GetUnixFileMode(target) : File.GetUnixFileMode(stream.Handle));
        if (executable)
        {
            // chmod +x for whoever may read it (umask permitting): u+x always, g+x and o+x where r is set.
            mode |= UnixFileMode.UserRead | UnixFileMode.UserExecute;
            if ((mode & UnixFileMode.GroupRead) != 0)
                mode |= UnixFileMode.GroupExecute;
            if ((mode & UnixFileMode.OtherRead) != 0)
                mode |= UnixFileMode.OtherExecute;
        }
        if (exists || executable)
            File.SetUnixFileMode(stream.Handle, mode);
    }

    /// <summary>Removes the empty folder <paramref name="folder"/> (inside <paramref name="root"/>), through its parent's handle as <see cref="Delete"/> does.</summary>
    public static void DeleteEmptyFolder(string root, string folder)
    {
        var real = ProjectPath.Confine(root, folder);
        try
        {
            if (!NativeFiles.Supported)
            {
                Directory.Delete(real);
                return;
            }
            using var parent = NativeFiles.OpenFolder(Path.GetDirectoryName(real)!);
            NativeFiles.DeleteIn(parent, Path.GetFileName(real), folder: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{folder}: cannot be deleted ({e.Message}). Check the folder's permissions and run again.", e);
        }
    }

    /// <summary>Deletes <paramref name="path"/> (inside <paramref name="root"/>) when it exists; a link is removed, never its target.</summary>
    public static void Delete(string root, string path)
    {
        var folder = ProjectPath.Confine(root, Path.GetDirectoryName(Path.GetFullPath(path, root))!);
        var entry = Path.Join(folder, Path.GetFileName(path));
        try
        {
            if (NativeFiles.KindOf(entry, followLinks: false) != FileKind.Missing)
            {
                if (NativeFiles.Supported)
                {
                    // Through the folder's handle: a folder on the way swapped for a link since it was
                    // confined would otherwise take the delete elsewhere.
                    using var parent = NativeFiles.OpenFolder(folder);
                    NativeFiles.DeleteIn(parent, Path.GetFileName(entry));
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var fix = AdviceFor(entry, folder, "Check the folder's permissions");
            throw BoundaryException.File($"{path}: cannot be deleted ({e.Message}). {fix} and run again.", e);
        }
    }
}
