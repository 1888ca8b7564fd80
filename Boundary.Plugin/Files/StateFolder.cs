using Boundary.Core;

namespace Boundary.Files;

/// <summary>The tool's state folder, created with a .gitignore so its contents never reach version control.</summary>
public static class StateFolder
{
    /// <summary>Creates the state folder (inside <paramref name="root"/>, never through a link out of it) and returns its real path.</summary>
    public static string Ensure(string root, string stateDir)
    {
        var folder = ConfinePlain(root, stateDir);
        var ignore = Path.Combine(folder, ".gitignore");
        try
        {
            Folders.Create(folder);
            if (NativeFiles.KindOf(ignore, followLinks: false) == FileKind.Missing)
            {
                // Its temp file could be made but neither renamed into place nor removed.
                if (NativeFiles.IsImmutableOrAppendOnly(folder))
                    throw Flagged(stateDir, folder);
                AtomicFile.Write(root, ignore, "# Written by dotnet boundary: its lock and push journal are local state.\n*\n"u8.ToArray());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotBeWritten(stateDir, e.Message, e);
        }
        return folder;
    }

    /// <summary>
    /// For a run that writes nothing (a dry run): refuses what <see cref="Ensure"/> would refuse, creating
    /// nothing: a link, something other than a folder, a folder in which (or, while it is missing, beside
    /// which) this process cannot create files. Returns the folder's real path.
    /// </summary>
    public static string EnsureCreatable(string root, string stateDir)
    {
        var folder = ConfinePlain(root, stateDir);
        var kind = NativeFiles.KindOf(folder, followLinks: false);
        if (kind is not (FileKind.Missing or FileKind.Directory))
            throw BoundaryException.File($"{stateDir}: not a folder; the tool's state folder must be one. Move what is there out of the way and run again.");
        // What Ensure creates: the folder, else its .gitignore (a temp file renamed into place, which an
        // append-only folder refuses) and its lock, where they are missing.
        var noIgnore = kind == FileKind.Missing || NativeFiles.KindOf(Path.Combine(folder, ".gitignore"), followLinks: false) == FileKind.Missing;
        var noLock = kind == FileKind.Missing || NativeFiles.KindOf(Path.Combine(folder, "lock"), followLinks: false) == FileKind.Missing;
        if (!noIgnore && !noLock)
            return folder;
        var where = kind == FileKind.Missing ? Path.GetDirectoryName(folder)! : folder;
        if (kind == FileKind.Directory && noIgnore ? NativeFiles.IsImmutableOrAppendOnly(where) : NativeFiles.IsImmutable(where))
            throw Flagged(stateDir, where);
        if (!NativeFiles.CanCreateIn(where))
            throw CannotBeWritten(stateDir, "no permission, or a read-only file system", null);
        return folder;
    }

    /// <summary>The state folder's real path inside <paramref name="root"/>; never a link.</summary>
    private static string ConfinePlain(string root, string stateDir)
    {
        var folder = ProjectPath.Confine(root, stateDir);
        // Also a link that stays inside the project: it would put the .gitignore that ignores everything
        // beside it (and the lock, the journal) in another folder, whose new files git would then ignore.
        if (NativeFiles.KindOf(stateDir, followLinks: false) == FileKind.SymbolicLink)
            throw BoundaryException.File($"{stateDir}: a link; the tool's state folder must be a plain folder (through a link its .gitignore, which ignores everything beside it, would land elsewhere). Delete the link and run again.");
        return folder;
    }

    private static BoundaryException Flagged(string stateDir, string where) =>
        BoundaryException.File($"{stateDir}: cannot be created or written: {where} is marked immutable or append-only ('lsattr -d' shows it). Nothing was changed. Clear the flag ('chattr -i -a') and run again.");

    private static BoundaryException CannotBeWritten(string stateDir, string why, Exception? inner) =>
        BoundaryException.File($"{stateDir}: cannot be created or written ({why}). Make {Path.GetDirectoryName(stateDir)} writable for you (chmod u+w) and run again.", inner);
}
