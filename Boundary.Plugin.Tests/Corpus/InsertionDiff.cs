using System.Text.RegularExpressions;
using System.Text;

namespace Boundary.Tests.Corpus;

/// <summary>
/// Checks that a changed file is its original plus boundary entries and nothing else: a line diff
/// (Myers) of the two files, in which every hunk must be an insertion into the original text (removing
/// it gives the original bytes back) that holds a PermissionsBoundary; where whole lines were added,
/// each one holds PermissionsBoundary or is the bare structure around it (a new Properties key, a brace).
/// </summary>
public static partial class InsertionDiff
{
    public const string Marker = "PermissionsBoundary";

    public sealed record Result(int Insertions, int Boundaries, IReadOnlyList<string> Problems);

    public static Result Check(byte[] original, byte[] changed)
    {
        // Latin-1 maps every byte to one char: equality of strings is equality of bytes.
        var a = Lines(original);
        var b = Lines(changed);
        var problems = new List<string>();
        var insertions = 0;
        var boundaries = 0;
        foreach (var hunk in Hunks(a, b))
        {
            var removed = string.Concat(a.Skip(hunk.AStart).Take(hunk.ALength));
            var added = string.Concat(b.Skip(hunk.BStart).Take(hunk.BLength));
            var where = $"line {hunk.BStart + 1}";
            if (added.Length <= removed.Length)
            {
                problems.Add($"{where}: removes or rewrites original text ({Show(removed)} became {Show(added)})");
                continue;
            }
            // The insertion can sit anywhere between the longest common prefix and suffix ('"P' of a new
            // '"PermissionsBoundary"' may match the '"P' of the next key): take a place whose text holds the marker.
            var insertedLength = added.Length - removed.Length;
            var prefix = 0;
            while (prefix < removed.Length && removed[prefix] == added[prefix])
                prefix++;
            var suffix = 0;
            while (suffix < removed.Length && removed[^(suffix + 1)] == added[^(suffix + 1)])
                suffix++;
            var first = removed.Length - suffix;
            if (first > prefix)
            {
                problems.Add($"{where}: not an insertion: {Show(removed)} became {Show(added)}");
                continue;
            }
            var at = Enumerable.Range(first, prefix - first + 1).FirstOrDefault(p => added.AsSpan(p, insertedLength).IndexOf(Marker) >= 0, first);
            var inserted = added.Substring(at, insertedLength);
            insertions++;
            var count = Regex.Count(inserted, Marker);
            boundaries += count;
            if (count == 0)
                problems.Add($"{where}: inserted text without {Marker}: {Show(inserted)}");
            if (hunk.ALength == 0)
            {
                foreach (var line in b.Skip(hunk.BStart).Take(hunk.BLength))
                    if (!line.Contains(Marker, StringComparison.Ordinal) && !Structural().IsMatch(line))
                        problems.Add($"{where}: added line neither holds {Marker} nor is bare structure: {Show(line)}");
            }
        }
        return new Result(insertions, boundaries, problems);
    }

    [GeneratedRegex("""^[ \t]*("Properties"[ \t]*:[ \t]*\{|Properties:|\{|\},?|,)?[ \t]*\r?\n?$""")]
    private static partial Regex Structural();

    private static string Show(string text)
    {
        var decoded = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(text));
        if (decoded.Length > 160)
            decoded = decoded[..160] + "...";
        return "'" + decoded.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "'";
    }

    // Latin-1 maps every byte to one character, so line pieces compare byte for byte whatever the encoding.
    internal static string[] Lines(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var lines = new List<string>();
        var start = 0;
        for (var newline = text.IndexOf('\n'); newline >= 0; newline = text.IndexOf('\n', start))
        {
            lines.Add(text[start..(newline + 1)]);
            start = newline + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return [.. lines];
    }

    internal readonly record struct Hunk(int AStart, int ALength, int BStart, int BLength);

    /// <summary>The hunks (runs of removed and added lines between equal ones) of a shortest line diff.</summary>
    internal static List<Hunk> Hunks(string[] a, string[] b)
    {
        // Equal lines at both ends are common to any shortest diff: trim them first.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
            head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
            tail++;
        var x = a[head..(a.Length - tail)];
        var y = b[head..(b.Length - tail)];
        var ops = Myers(x, y);
        var hunks = new List<Hunk>();
        int i = 0, j = 0;
        var k = 0;
        while (k < ops.Count)
        {
            if (ops[k] == Op.Equal)
            {
                i++;
                j++;
                k++;
                continue;
            }
            int ai = i, bj = j;
            while (k < ops.Count && ops[k] != Op.Equal)
            {
                if (ops[k] == Op.Remove)
                    i++;
                else
                    j++;
                k++;
            }
            hunks.Add(new Hunk(head + ai, i - ai, head + bj, j - bj));
        }
        return hunks;
    }

    private enum Op
    {
        Equal,
        Remove,
        Add,
    }

    private static List<Op> Myers(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var v = new int[2 * max + 2];
        var offset = max + 1;
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= max && found < 0; d++)
        {
            trace.Add(v[(offset - d)..(offset + d + 1)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }
        var ops = new List<Op>();
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var snapshot = trace[d]; // v before step d, covering k in [-d, d]
            int At(int kk) => snapshot[kk + d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var prevX = At(prevK);
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                ops.Add(Op.Equal);
                cx--;
                cy--;
            }
            ops.Add(prevK == k + 1 ? Op.Add : Op.Remove);
            cx = prevX;
            cy = prevY;
        }
        while (cx > 0 && cy > 0)
        {
            ops.Add(Op.Equal);
            cx--;
            cy--;
        }
        ops.Reverse();
        return ops;
    }
}
