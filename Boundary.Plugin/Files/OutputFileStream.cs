namespace Boundary.Files;

/// <summary>
/// A <see cref="FileStream"/> for the files the tool writes, whose writes report a file grown past the
/// file-size limit (<c>ulimit -f</c>, or the file system's largest file) as the <see cref="IOException"/>
/// every writer handles: .NET reports that error (EFBIG) as an <see cref="ArgumentOutOfRangeException"/>
/// for a parameter named <c>value</c>, which would reach the last-resort handler as a bug, with temp files
/// left behind.
/// </summary>
public sealed class OutputFileStream(string path, FileMode mode, FileShare share, int bufferSize)
    : FileStream(path, mode, FileAccess.Write, share, bufferSize, FileOptions.None)
{
    public override void Write(byte[] buffer, int offset, int count) => Guard(() => base.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            base.Write(buffer);
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
    }

    public override void WriteByte(byte value) => Guard(() => base.WriteByte(value));

    public override void Flush() => Guard(base.Flush);

    public override void Flush(bool flushToDisk) => Guard(() => base.Flush(flushToDisk));

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
    }

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (ArgumentOutOfRangeException e) when (IsFileTooLarge(e))
        {
            throw TooLarge(e);
        }
    }

    private static bool IsFileTooLarge(ArgumentOutOfRangeException e) => e.ParamName == "value";

    private static IOException TooLarge(Exception e) =>
        new("the file would be larger than the file-size limit ('ulimit -f') or the file system allows", e);
}
