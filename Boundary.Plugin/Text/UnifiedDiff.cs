using System.Text;

namespace Boundary.Text;

/// <summary>
/// Renders a file's planned <see cref="TextEdit"/>s as a unified diff (<c>--- a/path</c>,
/// <c>+++ b/path</c>, hunks with 3 lines of context) that <c>git apply</c> accepts. The edits know their
/// positions, so the changed lines come straight from them; no line-matching diff algorithm is needed.
/// </summary>
public static class UnifiedDiff
{
    public const int ContextLines = 3;

    private const string NoNewline = "\\ No newline at end of file";

    /// <summary>The diff of <paramref name="original"/> and the result of <paramref name="edits"/>; "" when nothing changes.</summary>
    public static string Render(string path, ReadOnlySpan<byte> original, IReadOnlyList<TextEdit> edits)
    {
        using var output = new StringWriter { NewLine = "\n" };
        Write(output, path, original, edits);
        return output.ToString();
    }

    /// <summary>
    /// Writes the diff (see <see cref="Render"/>) to <paramref name="output"/> as it is made: the diff of a
    /// large template is megabytes, never held whole. Every line ends with '\n'; nothing is written when
    /// nothing changes.
    /// </summary>
    public static void Write(TextWriter output, string path, ReadOnlySpan<byte> original, IReadOnlyList<TextEdit> edits)
    {
        var lines = original.Count((byte)'\n') + 1;
        var lineStarts = LineStarts(original, LineTable(lines));
        var lineCount = lineStarts.Length - (lineStarts[^1] == original.Length ? 1 : 0);
        if (Changes(original, edits, lineStarts, lineCount) is { Count: > 0 } changes)
            WriteHunks(output, path, original, lineStarts, lineCount, changes);
    }

    // One entry a line, in one table a thread, grown to the largest file's: a table a file would be a
    // large-object allocation each time, and a shared pool would keep one of every size it was asked for.
    [ThreadStatic]
    private static int[]? lineTable;

    private static Span<int> LineTable(int lines)
    {
        if (lineTable is null || lineTable.Length < lines)
            lineTable = new int[lines];
        return lineTable.AsSpan(0, lines);
    }

    private static void WriteHunks(TextWriter output, string path, ReadOnlySpan<byte> original, ReadOnlySpan<int> lineStarts, int lineCount, List<Change> changes)
    {
        // A name with a space ends with a tab, as git writes it: GNU patch reads a header's name up to the
        // first blank otherwise, and git apply reads both.
        var end = path.Contains(' ') ? "\t\n" : "\n";
        output.Write("--- a/");
        output.Write(path);
        output.Write(end);
        output.Write("+++ b/");
        output.Write(path);
        output.Write(end);
        var delta = 0; // new line number minus old line number before the current hunk
        var decoding = new LineDecoder(new char[ChunkBytes], Encoding.UTF8.GetDecoder());
        var index = 0;
        while (index < changes.Count)
        {
            var last = index;
            while (last + 1 < changes.Count && changes[last + 1].OldStart - changes[last].OldEnd <= 2 * ContextLines)
                last++;
            var from = Math.Max(0, changes[index].OldStart - ContextLines);
            var to = Math.Min(lineCount, changes[last].OldEnd + ContextLines);
            var hunkDelta = 0;
            for (var i = index; i <= last; i++)
                hunkDelta += changes[i].NewLines.Count - changes[i].OldCount;
            var oldCount = to - from;
            var newCount = oldCount + hunkDelta;
            output.Write($"@@ -{Start(from, oldCount)},{oldCount} +{Start(from + delta, newCount)},{newCount} @@\n");
            var line = from;
            for (var i = index; i <= last; i++)
            {
                var change = changes[i];
                for (; line < change.OldStart; line++)
                    AppendOldLine(output, ' ', original, lineStarts, line, decoding);
                for (; line < change.OldEnd; line++)
                    AppendOldLine(output, '-', original, lineStarts, line, decoding);
                foreach (var added in change.NewLines)
                    AppendLine(output, '+', change.After.AsSpan()[added], decoding);
            }
            for (; line < to; line++)
                AppendOldLine(output, ' ', original, lineStarts, line, decoding);
            delta += hunkDelta;
            index = last + 1;
        }
    }

    // Only the lines a hunk shows are decoded (a large template has hundreds of thousands of others).
    private static void AppendOldLine(TextWriter output, char marker, ReadOnlySpan<byte> original, ReadOnlySpan<int> lineStarts, int line, LineDecoder decoding) =>
        AppendLine(output, marker, original[lineStarts[line]..LineEnd(lineStarts, line, original.Length)], decoding);

    // A hunk of zero lines names the line before it, as diff and git do.
    private static int Start(int zeroBasedFrom, int count) => count == 0 ? zeroBasedFrom : zeroBasedFrom + 1;

    // A line is decoded a chunk at a time into one buffer: the one line of a minified template is megabytes.
    private const int ChunkBytes = 1 << 14;

    private sealed record LineDecoder(char[] Chars, Decoder Decoder);

    private static void AppendLine(TextWriter output, char marker, ReadOnlySpan<byte> line, LineDecoder decoding)
    {
        output.Write(marker);
        var (chars, decoder) = decoding;
        decoder.Reset();
        var rest = line;
        do
        {
            var take = Math.Min(rest.Length, ChunkBytes);
            decoder.Convert(rest[..take], chars, flush: take == rest.Length, out var used, out var produced, out _);
            output.Write(chars.AsSpan(0, produced));
            rest = rest[used..];
        }
        while (rest.Length > 0);
        if (line.IsEmpty || line[^1] != (byte)'\n')
        {
            output.Write('\n');
            output.Write(NoNewline);
            output.Write('\n');
        }
    }

    /// <summary>One run of changed lines: old lines [OldStart, OldEnd) become <see cref="NewLines"/>, ranges of <see cref="After"/>.</summary>
    private sealed record Change(int OldStart, int OldEnd, byte[] After, IReadOnlyList<Range> NewLines)
    {
        public int OldCount => OldEnd - OldStart;
    }

    private static List<Change> Changes(ReadOnlySpan<byte> original, IReadOnlyList<TextEdit> edits, ReadOnlySpan<int> lineStarts, int lineCount)
    {
        var ordered = edits.OrderBy(e => e.Offset).ToList();
        var changes = new List<Change>();
        var next = 0;
        while (next < ordered.Count)
        {
            // Edits that share a line form one region of whole lines.
            var first = LineOf(lineStarts, ordered[next].Offset);
            var last = LineOf(lineStarts, ordered[next].Offset + ordered[next].RemoveLength);
            var end = next + 1;
            while (end < ordered.Count && LineOf(lineStarts, ordered[end].Offset) <= last)
            {
                last = Math.Max(last, LineOf(lineStarts, ordered[end].Offset + ordered[end].RemoveLength));
                end++;
            }
            last = Math.Min(last, lineCount - 1);
            var regionStart = first < lineCount ? lineStarts[first] : original.Length;
            var regionEnd = last >= first ? LineEnd(lineStarts, last, original.Length) : regionStart;
            var regionEdits = ordered.Skip(next).Take(end - next)
                .Select(e => e with { Offset = e.Offset - regionStart })
                .ToList();
            // Compared as bytes, not decoded: the region of a minified template is its one line of megabytes.
            var region = original[regionStart..regionEnd];
            var afterBytes = TextEdit.Apply(region, regionEdits);
            var before = LineRanges(region);
            var after = LineRanges(afterBytes);

            // Lines the edits left as they were are context, not changes.
            var prefix = 0;
            while (prefix < before.Count && prefix < after.Count && region[before[prefix]].SequenceEqual(afterBytes.AsSpan()[after[prefix]]))
                prefix++;
            var suffix = 0;
            while (suffix < before.Count - prefix && suffix < after.Count - prefix && region[before[^(suffix + 1)]].SequenceEqual(afterBytes.AsSpan()[after[^(suffix + 1)]]))
                suffix++;
            if (before.Count - prefix - suffix > 0 || after.Count - prefix - suffix > 0)
                changes.Add(new Change(first + prefix, first + before.Count - suffix, afterBytes, after.GetRange(prefix, after.Count - prefix - suffix)));
            next = end;
        }
        return changes;
    }

    /// <summary>Fills <paramref name="starts"/> (one entry a line) with the offset of every line's first byte, found at vector speed.</summary>
    private static ReadOnlySpan<int> LineStarts(ReadOnlySpan<byte> bytes, Span<int> starts)
    {
        starts[0] = 0;
        var count = 1;
        var offset = 0;
        while (bytes[offset..].IndexOf((byte)'\n') is var newline and >= 0)
        {
            offset += newline + 1;
            starts[count++] = offset;
        }
        return starts;
    }

    private static int LineOf(ReadOnlySpan<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    private static int LineEnd(ReadOnlySpan<int> lineStarts, int line, int length) =>
        line + 1 < lineStarts.Length ? lineStarts[line + 1] : length;

    /// <summary>The lines of <paramref name="bytes"/>, each with its line ending, so CRLF and a missing final newline survive.</summary>
    private static List<Range> LineRanges(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<Range>();
        var start = 0;
        while (bytes[start..].IndexOf((byte)'\n') is var newline and >= 0)
        {
            lines.Add(start..(start + newline + 1));
            start += newline + 1;
        }
        if (start < bytes.Length)
            lines.Add(start..bytes.Length);
        return lines;
    }
}
