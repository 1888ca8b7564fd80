using Boundary.Core;

namespace Boundary.Files;

/// <summary>The tool's state folder, created with a .gitignore so its contents never reach version control.</summary>
public static class StateFolder
{
    /// <summary>Creates the state folder (inside <paramref name="root"/>, never through a link out of it) and returns its real path.</summary>
    public static string Ensure(string root, string stateDir)
    {
        var folder = ProjectPath.Confine(root, stateDir);
        // Also a link that stays inside the project: it would put the .gitignore that ignores everything
        // beside it (and the lock, the journal) in another folder, whose new files git would then ignore.
        if (NativeFiles.KindOf(stateDir, followLinks: false) == FileKind.SymbolicLink)
            throw BoundaryException.File($"{stateDir}: a link; the tool's state folder must be a plain folder (through a link its .gitignore, which ignores everything beside it, would land elsewhere). Delete the link and run again.");
        var ignore = Path.Combine(folder, ".gitignore");
        try
        {
            Directory.CreateDirectory(folder);
            if (NativeFiles.KindOf(ignore, followLinks: false) == FileKind.Missing)
                AtomicFile.Write(root, ignore, "# Written by dotnet boundary: its lock and push journal are local state.\n*\n"u8.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{stateDir}: cannot be created or written ({e.Message}). Make {Path.GetDirectoryName(stateDir)} writable for you (chmod u+w) and run again.", e);
        }
        return folder;
    }
}
