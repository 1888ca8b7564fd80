namespace Boundary.Files;

/// <summary>Folders the tool makes.</summary>
public static class Folders
{
    /// <summary>
    /// Makes <paramref name="folder"/> and the folders missing above it, each given the owner and group of
    /// the folder it is made in (<see cref="NativeFiles.MatchOwner(string, string)"/>): a run as root leaves
    /// no folder of its own in a user's project.
    /// </summary>
    /// <param name="folder">A real path: every folder on the way that exists is not a link (<see cref="ProjectPath.RealPath(string)"/>).</param>
    public static void Create(string folder)
    {
        if (!NativeFiles.Supported)
        {
            Directory.CreateDirectory(folder);
            return;
        }
        var missing = new Stack<string>();
        for (var at = folder; Path.GetDirectoryName(at) is { } parent && NativeFiles.KindOf(at, followLinks: false) == FileKind.Missing; at = parent)
            missing.Push(at);
        // Each made through its parent's handle, opened refusing any link on the way: a folder swapped for a
        // link meanwhile stops the run instead of sending the new folder (and its owner) elsewhere.
        while (missing.TryPop(out var made))
        {
            using var parent = NativeFiles.OpenFolder(Path.GetDirectoryName(made)!);
            NativeFiles.MakeFolderIn(parent, Path.GetFileName(made));
        }
        if (NativeFiles.KindOf(folder, followLinks: false) != FileKind.Directory)
            throw new IOException($"{folder}: not a folder");
    }
}
