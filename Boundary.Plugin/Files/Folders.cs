namespace Boundary.Files;

/// <summary>Folders the tool makes.</summary>
public static class Folders
{
    /// <summary>
    /// Makes <paramref name="folder"/> and the folders missing above it, each given the owner and group of
    /// the folder it is made in (<see cref="NativeFiles.MatchOwner(string, string)"/>): a run as root leaves
    /// no folder of its own in a user's project.
    /// </summary>
    public static void Create(string folder)
    {
        var missing = new Stack<string>();
        for (var at = folder; Path.GetDirectoryName(at) is { } parent && NativeFiles.KindOf(at, followLinks: false) == FileKind.Missing; at = parent)
            missing.Push(at);
        Directory.CreateDirectory(folder);
        while (missing.TryPop(out var made))
            NativeFiles.MatchOwner(made, Path.GetDirectoryName(made)!);
    }
}
