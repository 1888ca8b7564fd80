using System.Text;

namespace Boundary.Text;

/// <summary>
/// One change to a file's bytes: remove <see cref="RemoveLength"/> bytes at <see cref="Offset"/> and put
/// <see cref="Insert"/> there. Every write this tool makes is a list of these, computed from a parse of
/// the original bytes, so everything outside the edited spans stays byte-identical.
/// </summary>
public sealed record TextEdit(int Offset, int RemoveLength, string Insert)
{
    public static TextEdit Insertion(int offset, string text) => new(offset, 0, text);

    public static TextEdit Removal(int offset, int length) => new(offset, length, "");

    /// <summary>
    /// Several non-overlapping edits of one file as one: the bytes between them are carried over
    /// unchanged in the replacement, so applying the result equals applying them all.
    /// </summary>
    public static TextEdit Merge(ReadOnlySpan<byte> source, IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count == 0)
            throw new ArgumentException("Nothing to merge.", nameof(edits));
        if (edits.Count == 1)
            return edits[0];
        var ordered = edits.OrderBy(e => e.Offset).ThenBy(e => e.RemoveLength).ToList();
        var builder = new StringBuilder();
        var position = ordered[0].Offset;
        foreach (var edit in ordered)
        {
            if (edit.Offset < position)
                throw new InvalidOperationException($"Overlapping edit at byte {edit.Offset}.");
            builder.Append(Encoding.UTF8.GetString(source[position..edit.Offset])).Append(edit.Insert);
            position = edit.Offset + edit.RemoveLength;
        }
        return new TextEdit(ordered[0].Offset, position - ordered[0].Offset, builder.ToString());
    }

    /// <summary>Applies edits (in any order, none overlapping) to <paramref name="source"/>.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> source, IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count == 0)
            return source.ToArray();
        var ordered = edits.OrderBy(e => e.Offset).ThenBy(e => e.RemoveLength).ToList();
        // The exact size up front: one allocation, no growing buffer (files can be megabytes).
        var length = source.Length;
        foreach (var edit in ordered)
            length += Encoding.UTF8.GetByteCount(edit.Insert) - edit.RemoveLength;
        var output = new byte[length];
        var position = 0;
        var written = 0;
        foreach (var edit in ordered)
        {
            if (edit.Offset < position || edit.Offset + edit.RemoveLength > source.Length)
                throw new InvalidOperationException($"Overlapping or out-of-range edit at byte {edit.Offset}.");
            source[position..edit.Offset].CopyTo(output.AsSpan(written));
            written += edit.Offset - position;
            written += Encoding.UTF8.GetBytes(edit.Insert, output.AsSpan(written));
            position = edit.Offset + edit.RemoveLength;
        }
        source[position..].CopyTo(output.AsSpan(written));
        return output;
    }

    /// <summary>
    /// Writes <paramref name="source"/> with <paramref name="edits"/> applied (in any order, none
    /// overlapping) to <paramref name="output"/> piece by piece, feeding the same bytes to
    /// <paramref name="hash"/>: no copy of the edited file is made.
    /// </summary>
    public static void WriteTo(Stream output, ReadOnlySpan<byte> source, IReadOnlyList<TextEdit> edits, System.IO.Hashing.NonCryptographicHashAlgorithm? hash = null)
    {
        var position = 0;
        // One buffer for every insertion: a large template has a hundred thousand of them.
        var encoded = new byte[256];
        foreach (var edit in edits.OrderBy(e => e.Offset).ThenBy(e => e.RemoveLength))
        {
            if (edit.Offset < position || edit.Offset + edit.RemoveLength > source.Length)
                throw new InvalidOperationException($"Overlapping or out-of-range edit at byte {edit.Offset}.");
            Write(source[position..edit.Offset]);
            if (Encoding.UTF8.GetMaxByteCount(edit.Insert.Length) > encoded.Length)
                encoded = new byte[Encoding.UTF8.GetMaxByteCount(edit.Insert.Length)];
            Write(encoded.AsSpan(0, Encoding.UTF8.GetBytes(edit.Insert, encoded)));
            position = edit.Offset + edit.RemoveLength;
        }
        Write(source[position..]);

        void Write(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            hash?.Append(bytes);
        }
    }

    /// <summary>
    /// The edits that undo <paramref name="edits"/> once they are applied: offsets move by what the earlier
    /// edits added or removed. The original removed text is needed, so it comes from the original bytes.
    /// Packed (<see cref="PackedEdits"/>): a run keeps them until it ends.
    /// </summary>
    public static PackedEdits Inverse(ReadOnlySpan<byte> original, IReadOnlyList<TextEdit> edits)
    {
        var inverse = new List<TextEdit>(edits.Count);
        var shift = 0;
        foreach (var edit in edits.OrderBy(e => e.Offset))
        {
            var inserted = Encoding.UTF8.GetByteCount(edit.Insert);
            var removed = Encoding.UTF8.GetString(original.Slice(edit.Offset, edit.RemoveLength));
            inverse.Add(new TextEdit(edit.Offset + shift, inserted, removed));
            shift += inserted - edit.RemoveLength;
        }
        return PackedEdits.Of(inverse);
    }
}
