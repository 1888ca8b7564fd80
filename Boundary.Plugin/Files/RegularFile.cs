using Boundary.Core;

namespace Boundary.Files;

/// <summary>Reads files that must be regular files: a FIFO, socket or device (or a link to one) is refused, never opened to block or to read forever.</summary>
public static class RegularFile
{
    /// <summary>The whole file; a <see cref="NotRegularFileException"/> for anything but a regular file.</summary>
    public static byte[] ReadAllBytes(string path) => ReadAllBytes(path, out _);

    /// <summary>
    /// The whole file, and its last write time (UTC ticks) as it was when the read began: a later write
    /// moves that time on, so comparing it afterwards tells whether the bytes read are still the file's.
    /// </summary>
    public static byte[] ReadAllBytes(string path, out long lastWriteTicks)
    {
        var buffer = Read(path, length => GC.AllocateUninitializedArray<byte>(length), out var read, out lastWriteTicks);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>
    /// Reads the whole file into a buffer from <paramref name="allocate"/> (asked for the file's size,
    /// it may give a larger one), and says how many bytes were read and the last write time as
    /// <see cref="ReadAllBytes(string, out long)"/> does.
    /// </summary>
    public static byte[] Read(string path, Func<int, byte[]> allocate, out int length, out long lastWriteTicks)
    {
        using var handle = NativeFiles.OpenRegularForRead(path);
        lastWriteTicks = File.GetLastWriteTimeUtc(handle).Ticks;
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
            throw BoundaryException.File($"{path}: {size} bytes, too large to be a file 'dotnet boundary' reads.");
        // Not cleared: every byte up to length is read into it (a file that shrank while read is cut off there).
        var buffer = allocate((int)size);
        var read = 0;
        while (read < size)
        {
            var count = RandomAccess.Read(handle, buffer.AsSpan(read, (int)size - read), read);
            if (count == 0)
                break;
            read += count;
        }
        length = read;
        return buffer;
    }

    /// <summary>
    /// The size and last write time (UTC ticks) of the file <paramref name="path"/> names, a link followed,
    /// as <see cref="ReadAllBytes(string, out long)"/> sees them; null when it is gone or cannot be opened.
    /// </summary>
    public static (long Length, long LastWriteTicks)? Stamp(string path)
    {
        try
        {
            using var handle = NativeFiles.OpenRegularForRead(path);
            return (RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle).Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static FileKind KindOf(string path, bool followLinks = true) => NativeFiles.KindOf(path, followLinks);

    /// <summary>Whether following <paramref name="path"/> fails for the links on its way: a loop, or more than the kernel follows in one path.</summary>
    public static bool FollowsTooManyLinks(string path) => NativeFiles.FollowsTooManyLinks(path);

    /// <summary>True when <paramref name="path"/> exists (following links) and is a regular file.</summary>
    public static bool Exists(string path) => NativeFiles.KindOf(path, followLinks: true) == FileKind.Regular;
}
