namespace Boundary.Files;

/// <summary>
/// What tells a file from a copy of it: on Linux its inode number and birth time, elsewhere its creation
/// time. A file that is copied, cloned or unpacked gets new ones, which nobody can foresee to the
/// nanosecond; the file keeps them while it is written in place. Where the file system keeps no birth
/// time, the inode number alone.
/// </summary>
public static class FileIdentity
{
    /// <summary>The identity of <paramref name="path"/> itself (a link is not followed), or null when it cannot be looked at.</summary>
    public static string? Of(string path)
    {
        if (OperatingSystem.IsLinux())
            return NativeFiles.IdentityOf(path) is { } id ? id.BirthNanoseconds is { } birth ? $"{id.Inode}@{birth}" : $"{id.Inode}" : null;
        try
        {
            return File.Exists(path) ? $"created@{File.GetCreationTimeUtc(path).Ticks}" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
