using System.Text;
using Boundary.Core;
using Boundary.Files;

namespace Boundary.Text;

/// <summary>
/// A file's bytes as read, with what edits need to match the file's style: its BOM, its line ending,
/// and a map from byte offsets to 1-based line and column for messages. One read with
/// <see cref="ReadPooled"/> lives in a reused buffer until <see cref="Dispose"/>: after that every
/// access throws, so that nothing can read the next file's bytes as this one's.
/// </summary>
public sealed class SourceText : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private int[]? lineStarts;

    // Where Position last stopped: callers mostly ask in file order, so each asks only about the bytes
    // since the one before (a line table would cost four bytes a line of a 200 MB template).
    private int cursorOffset;
    private int cursorLine;
    private int cursorColumn;

    private byte[]? buffer;
    private readonly bool pooled;

    public SourceText(string path, byte[] bytes)
        : this(path, bytes, bytes.Length, pooled: false)
    {
    }

    private SourceText(string path, byte[] buffer, int length, bool pooled)
    {
        Path = path;
        this.buffer = buffer;
        Length = length;
        this.pooled = pooled;
        BomLength = buffer.AsSpan(0, length).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
    }

    public string Path { get; }

    /// <summary>The file's bytes, BOM included.</summary>
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);

    public int Length { get; }

    private byte[] Buffer => buffer ?? throw new ObjectDisposedException(nameof(SourceText), $"The bytes of {Path} were read with ReadPooled and given back.");

    /// <summary>3 when the file starts with a UTF-8 BOM, else 0. Offsets always count from byte 0.</summary>
    public int BomLength { get; }

    public ReadOnlySpan<byte> Content => Bytes[BomLength..];

    /// <summary>The file's last write time (UTC ticks) when <see cref="Read"/> began reading it; null for text not read from a file.</summary>
    public long? LastWriteTicksAsRead { get; private init; }

    public static SourceText Read(string path)
    {
        try
        {
            var bytes = RegularFile.ReadAllBytes(path, out var lastWriteTicks);
            return new SourceText(path, bytes) { LastWriteTicksAsRead = lastWriteTicks };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    /// <summary>
    /// Like <see cref="Read"/>, into a buffer reused across files (see <see cref="ReadBuffers"/>); the
    /// caller disposes of it as soon as it is done with the bytes and everything parsed from them.
    /// </summary>
    public static SourceText ReadPooled(string path)
    {
        try
        {
            var bytes = RegularFile.Read(path, ReadBuffers.Rent, out var length, out var lastWriteTicks);
            return new SourceText(path, bytes, length, pooled: true) { LastWriteTicksAsRead = lastWriteTicks };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    private static BoundaryException CannotRead(string path, Exception e) =>
        BoundaryException.File($"{path}: cannot be read ({e.Message}). Check that it exists and that you may read it.", e);

    /// <summary>The content (after any BOM) as a read-only stream.</summary>
    public Stream OpenContent() => new MemoryStream(Buffer, BomLength, Length - BomLength, writable: false);

    /// <summary>A copy of the bytes that outlives this text.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Gives a pooled buffer back; the text cannot be read afterwards. Nothing for a text that owns its bytes.</summary>
    public void Dispose()
    {
        if (!pooled || buffer is not { } held)
            return;
        buffer = null;
        ReadBuffers.Return(held);
    }

    /// <summary>The line ending closest before <paramref name="offset"/>, or the file's first one, else LF.</summary>
    public string LineEndingBefore(int offset)
    {
        var bytes = Bytes;
        var newline = bytes[..Math.Min(offset, bytes.Length)].LastIndexOf((byte)'\n');
        if (newline < 0)
            newline = bytes.IndexOf((byte)'\n');
        if (newline < 0)
            return "\n";
        return newline > 0 && bytes[newline - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>Offset of the first byte of the line that holds <paramref name="offset"/>.</summary>
    public int LineStart(int offset)
    {
        var newline = Bytes[..offset].LastIndexOf((byte)'\n');
        return newline < 0 ? BomLength : newline + 1;
    }

    /// <summary>Offset just past the line ending of the line that holds <paramref name="offset"/> (or the end).</summary>
    public int NextLineStart(int offset)
    {
        var newline = Bytes[offset..].IndexOf((byte)'\n');
        return newline < 0 ? Length : offset + newline + 1;
    }

    /// <summary>True when only spaces and tabs stand between the start of its line and <paramref name="offset"/>.</summary>
    /// <remarks>Looks back only over the blanks: a minified file is one long line, searched once per member otherwise.</remarks>
    public bool IsFirstOnLine(int offset)
    {
        var bytes = Bytes;
        var before = offset - 1;
        while (before >= BomLength && bytes[before] is (byte)' ' or (byte)'\t')
            before--;
        return before < BomLength || bytes[before] == '\n';
    }

    public bool IsBlank(int from, int to)
    {
        foreach (var b in Bytes[from..to])
            if (b is not ((byte)' ' or (byte)'\t'))
                return false;
        return true;
    }

    public string Text(int from, int to) => Encoding.UTF8.GetString(Bytes[from..to]);

    /// <summary>
    /// The content (after any BOM) as text. Bytes that are not UTF-8 are refused rather than replaced:
    /// writing the file back would otherwise change them.
    /// </summary>
    /// <exception cref="BoundaryException">Not UTF-8; the message names file:line:column and the byte.</exception>
    public string DecodeUtf8()
    {
        try
        {
            return StrictUtf8.GetString(Content);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Min(Length, BomLength + Math.Max(0, e.Index));
            var bad = offset < Length ? $" (byte 0x{Bytes[offset]:X2})" : "";
            throw BoundaryException.File($"{Describe(offset)}: the file is not valid UTF-8{bad}. Save it as UTF-8 and run again.", e);
        }
    }

    /// <summary>Throws like <see cref="DecodeUtf8"/> when the content is not UTF-8; cheap when it is.</summary>
    public void EnsureUtf8()
    {
        if (!System.Text.Unicode.Utf8.IsValid(Content))
            DecodeUtf8();
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Length);
        if (offset < cursorOffset)
            (cursorOffset, cursorLine, cursorColumn) = (0, 0, 0);
        var from = Math.Max(cursorOffset, BomLength);
        var between = Bytes.Slice(from, Math.Max(0, offset - from));
        var lastNewline = between.LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            cursorLine += between.Count((byte)'\n');
            cursorColumn = 0;
            between = between[(lastNewline + 1)..];
        }
        cursorColumn += Encoding.UTF8.GetCharCount(between);
        cursorOffset = Math.Max(offset, from);
        return (cursorLine + 1, cursorColumn + 1);
    }

    /// <summary>The byte offset of a 0-based line and a 0-based byte position in that line (the BOM not counted).</summary>
    public int OffsetOf(int line, int bytePositionInLine)
    {
        lineStarts ??= ComputeLineStarts();
        if (line >= lineStarts.Length)
            return Length;
        var start = line == 0 ? BomLength : lineStarts[line];
        return Math.Min(Length, start + bytePositionInLine);
    }

    public string Describe(int offset)
    {
        var (line, column) = Position(offset);
        return $"{Path}:{line}:{column}";
    }

    private int[] ComputeLineStarts()
    {
        var starts = new List<int> { 0 };
        var bytes = Bytes;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == '\n')
                starts.Add(i + 1);
        return [.. starts];
    }
}
