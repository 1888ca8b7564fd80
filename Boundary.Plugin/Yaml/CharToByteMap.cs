namespace Boundary.Yaml;

/// <summary>
/// Maps UTF-16 character indexes of a decoded file (what YamlDotNet's marks count) to byte offsets in
/// the file. It keeps one checkpoint per block of characters rather than an offset per character, which
/// would cost four bytes of index per byte of a multi-megabyte template; a block of ASCII, the common
/// case, maps in constant time.
/// </summary>
internal sealed class CharToByteMap
{
    private const int BlockBits = 10;
    private const int BlockSize = 1 << BlockBits;

    private readonly string text;
    private readonly int[] blockStarts;

    public CharToByteMap(string text, int firstByte)
    {
        this.text = text;
        var blocks = (text.Length + BlockSize - 1) >> BlockBits;
        blockStarts = new int[blocks + 1];
        var offset = firstByte;
        for (var i = 0; i < text.Length; i++)
        {
            if ((i & (BlockSize - 1)) == 0)
                blockStarts[i >> BlockBits] = offset;
            offset += Width(text[i]);
        }
        blockStarts[blocks] = offset;
    }

    public int ToByte(long charIndex)
    {
        var index = (int)Math.Clamp(charIndex, 0, text.Length);
        var block = index >> BlockBits;
        if (block == blockStarts.Length - 1)
            return blockStarts[block]; // the end of the text
        var blockStart = block << BlockBits;
        var offset = blockStarts[block];
        var blockLength = Math.Min(BlockSize, text.Length - blockStart);
        if (blockStarts[block + 1] - offset == blockLength)
            return offset + (index - blockStart); // all ASCII: one byte a character
        for (var i = blockStart; i < index; i++)
            offset += Width(text[i]);
        return offset;
    }

    // A surrogate pair is four bytes, counted at its high half.
    private static int Width(char c) =>
        c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
}
