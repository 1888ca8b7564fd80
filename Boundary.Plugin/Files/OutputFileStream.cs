namespace Boundary.Files;

/// <summary>
/// A file the tool writes, whose writes report a file grown past the file-size limit (<c>ulimit -f</c>,
/// or the file system's largest file) as the <see cref="IOException"/> every writer handles: .NET reports
/// that error (EFBIG) as an <see cref="ArgumentOutOfRangeException"/> for a parameter named <c>value</c>,
/// which would reach the last-resort handler as a bug, with temp files left behind. It wraps a plain
/// <see cref="FileStream"/> rather than deriving from one: a derived FileStream turns every span write
/// into a copy through a rented array, for compatibility with older subclasses.
/// </summary>
public sealed class OutputFileStream(string path, FileMode mode, FileShare share, int bufferSize) : Stream
{
    private readonly FileStream file = new(path, mode, FileAccess.Write, share, bufferSize, FileOptions.None);

    public override bool CanRead => false;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            file.Write(buffer);
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => Flush(flushToDisk: false);

    /// <summary>Like <see cref="FileStream.Flush(bool)"/>: with <paramref name="flushToDisk"/>, the bytes reach the disk (fsync).</summary>
    public void Flush(bool flushToDisk)
    {
        try
        {
            file.Flush(flushToDisk);
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        try
        {
            // Closing writes what is still buffered.
            file.Dispose();
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
        finally
        {
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> is .NET's report of EFBIG from a write (a file past the file-size
    /// limit), also from the console's streams when stdout or stderr goes to a file.
    /// </summary>
    public static bool IsFileTooLarge(Exception e) => e is ArgumentOutOfRangeException { ParamName: "value" };

    private static IOException TooLarge(Exception e) =>
        new("the file would be larger than the file-size limit ('ulimit -f') or the file system allows", e);
}
