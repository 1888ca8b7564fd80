using Boundary.Text;

namespace Boundary.Yaml;

/// <summary>
/// Maps UTF-16 character indexes of a UTF-8 file's content (what YamlDotNet's marks count) to byte
/// offsets in the file, from the bytes alone: the decoded text is never held. All-ASCII content (the
/// common case, checked at vector speed) maps by adding the content's start. Otherwise one checkpoint
/// is kept per block of characters, not an offset per character, which would cost four bytes of index
/// per byte of a multi-megabyte template; a block of ASCII still maps in constant time.
/// </summary>
internal sealed class CharToByteMap
{
    private const int BlockBits = 10;
    private const int BlockSize = 1 << BlockBits;

    private readonly SourceText source;
    private readonly int firstByte;
    private readonly int length;

    // Null for all-ASCII content. Else checkpoint k is the first character boundary at or after
    // character k * BlockSize (after a surrogate pair that straddles it): its character index and its
    // byte offset; the last one is the end of the content.
    private readonly int[]? checkpointChars;
    private readonly int[]? checkpointBytes;

    /// <param name="source">The file, valid UTF-8 after its BOM (checked before).</param>
    public CharToByteMap(SourceText source)
    {
        this.source = source;
        firstByte = source.BomLength;
        var bytes = source.Bytes;
        var content = source.Content;
        if (System.Text.Ascii.IsValid(content))
        {
            length = content.Length;
            return;
        }
        var chars = new List<int> { 0 };
        var offsets = new List<int> { firstByte };
        var characters = 0;
        for (var offset = firstByte; offset < bytes.Length; offset++)
        {
            var width = Width(bytes[offset]);
            if (width == 0)
                continue;
            if (characters >= chars.Count << BlockBits)
            {
                chars.Add(characters);
                offsets.Add(offset);
            }
            characters += width;
        }
        length = characters;
        chars.Add(characters);
        offsets.Add(bytes.Length);
        checkpointChars = [.. chars];
        checkpointBytes = [.. offsets];
    }

    /// <summary>The content's length in UTF-16 characters.</summary>
    public int Length => length;

    /// <summary>The byte offset of a character index; the second half of a surrogate pair maps to the end of the pair.</summary>
    public int ToByte(long charIndex)
    {
        var index = (int)Math.Clamp(charIndex, 0, length);
        if (checkpointChars is null || checkpointBytes is null)
            return firstByte + index;
        var block = Math.Min(index >> BlockBits, checkpointChars.Length - 1);
        var character = checkpointChars[block];
        var offset = checkpointBytes[block];
        if (index <= character)
            return offset; // the checkpoint itself, or the second half of the pair just before it
        if (checkpointBytes[block + 1] - offset == checkpointChars[block + 1] - character)
            return offset + (index - character); // all ASCII up to the next checkpoint: one byte a character
        var bytes = source.Bytes;
        while (character < index && offset < bytes.Length)
        {
            character += Width(bytes[offset]);
            offset = NextCharacter(bytes, offset);
        }
        return offset;
    }

    /// <summary>UTF-16 characters a lead byte starts: 0 for a continuation byte, 2 for a four-byte sequence.</summary>
    private static int Width(byte b) => (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1;

    private static int NextCharacter(ReadOnlySpan<byte> bytes, int offset)
    {
        offset++;
        while (offset < bytes.Length && (bytes[offset] & 0xC0) == 0x80)
            offset++;
        return offset;
    }
}
