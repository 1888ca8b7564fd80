using System.Buffers;

namespace Boundary.Files;

/// <summary>
/// A file the tool writes, whose writes report a file grown past the file-size limit (<c>ulimit -f</c>,
/// or the file system's largest file) as the <see cref="IOException"/> every writer handles: .NET reports
/// that error (EFBIG) as an <see cref="ArgumentOutOfRangeException"/> for a parameter named <c>value</c>,
/// which would reach the last-resort handler as a bug, with temp files left behind. It wraps a plain
/// <see cref="FileStream"/> rather than deriving from one: a derived FileStream turns every span write
/// into a copy through a rented array, for compatibility with older subclasses.
/// It buffers writes itself, in an array rented from the shared pool: a FileStream's own buffer is a new
/// array for every file, and a push of 2,000 templates allocated 130 MB of them, which the young
/// collections then had to count against their budget.
/// </summary>
public sealed class OutputFileStream : Stream
{
    private readonly FileStream file;
    private byte[]? buffer;
    private int buffered;

    /// <summary>Writes to <paramref name="handle"/>, opened to write (<see cref="NativeFiles.OpenToWrite"/>).</summary>
    public OutputFileStream(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        // Unbuffered (0): what reaches it is this class's buffer, or a span at least as long.
        file = new FileStream(handle, FileAccess.Write, 0);
        buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>The open file, for what must be done to it rather than to its name (owner, mode).</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle Handle => file.SafeFileHandle;

    public override bool CanRead => false;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length
    {
        get
        {
            WriteBuffered();
            return file.Length;
        }
    }

    public override long Position
    {
        get => file.Position + buffered;
        set
        {
            WriteBuffered();
            file.Position = value;
        }
    }

    public override void Write(ReadOnlySpan<byte> bytes)
    {
        var pending = buffer ?? throw new ObjectDisposedException(nameof(OutputFileStream));
        if (bytes.Length <= pending.Length - buffered)
        {
            bytes.CopyTo(pending.AsSpan(buffered));
            buffered += bytes.Length;
            return;
        }
        WriteBuffered();
        if (bytes.Length >= pending.Length)
        {
            WriteThrough(bytes);
            return;
        }
        bytes.CopyTo(pending);
        buffered = bytes.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => Flush(flushToDisk: false);

    /// <summary>Like <see cref="FileStream.Flush(bool)"/>: with <paramref name="flushToDisk"/>, the bytes reach the disk (fsync).</summary>
    public void Flush(bool flushToDisk)
    {
        WriteBuffered();
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

    public override long Seek(long offset, SeekOrigin origin)
    {
        WriteBuffered();
        return file.Seek(offset, origin);
    }

    public override void SetLength(long value)
    {
        WriteBuffered();
        file.SetLength(value);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing || buffer is not { } pending)
            return;
        try
        {
            // Closing writes what is still buffered.
            WriteBuffered();
        }
        finally
        {
            buffer = null;
            buffered = 0;
            ArrayPool<byte>.Shared.Return(pending);
            file.Dispose();
            base.Dispose(disposing);
        }
    }

    private void WriteBuffered()
    {
        if (buffered == 0 || buffer is null)
            return;
        var count = buffered;
        // Dropped even if the write fails: a caller that goes on after an error must not see them written twice.
        buffered = 0;
        WriteThrough(buffer.AsSpan(0, count));
    }

    private void WriteThrough(ReadOnlySpan<byte> bytes)
    {
        try
        {
            file.Write(bytes);
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
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
