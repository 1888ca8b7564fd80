using Boundary.Core;
namespace Boundary.Files;

/// <summary>
/// Replaces a file's content atomically: the new bytes go into a temp file in the same folder, which
/// then takes the file's place with one rename, so a reader sees the old file or the new, never half.
/// The file's permission bits are kept.
/// </summary>
public static class AtomicFile
{
    /// <summary>Throws a clear error when a file cannot be replaced, before anything is written.</summary>
    public static void EnsureWritable(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return;
        var readOnly = OperatingSystem.IsWindows()
            ? info.IsReadOnly
            : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
        if (readOnly)
            throw BoundaryException.File($"{path}: the file is read-only. Make it writable (chmod u+w \"{path}\") and run again.");
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="bytes"/>. With <paramref name="durable"/> the
    /// new bytes reach the disk before the rename (an fsync, ~3 ms here); without it the rename is still
    /// atomic for every other process, which is all a killed run needs: bulk template rewrites skip the
    /// fsync and rely on their journal (itself written durably) instead.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool durable = true)
    {
        EnsureWritable(path);
        var target = ResolveLink(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!;
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: durable);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(target))
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw BoundaryException.File($"{path}: cannot be written ({e.Message}). Check the folder's permissions and free space.", e);
        }
    }

    private static string ResolveLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
