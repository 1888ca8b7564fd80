using System.Buffers;
using System.Text;
using Boundary.Text;

namespace Boundary.Json;

/// <summary>
/// Computes <see cref="TextEdit"/>s that add, replace or remove one object member in the file's own
/// style: a member on its own line gets the neighbours' indentation and line ending, a one-line object
/// stays on one line, and the separator after the colon is copied from the member beside it.
/// Removing what an insertion added gives back the original bytes.
/// </summary>
public sealed class JsonEditor(SourceText source)
{
    private static readonly SearchValues<char> NeedEscaping = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u2028\u2029");

    // A template's roles mostly get the same member in the same layout: the strings made for one are kept
    // for the next (see Cached), so that a template of thousands of roles does not make each again.
    private readonly string?[] recentTexts = new string?[4];
    private int nextRecent;
    private (string Name, string Quoted)? lastQuotedName;
    private (string Name, string Colon, string Literal, string Eol, string Indent, string Text)? lastMember;

    public SourceText Source { get; } = source;

    /// <summary>A JSON string literal for <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny(NeedEscaping) < 0)
            return string.Concat("\"", value, "\"");
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c is '\u2028' or '\u2029')
                        builder.Append($"\\u{(int)c:x4}");
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Replaces a value's bytes with <paramref name="literal"/> (already JSON).</summary>
    public TextEdit ReplaceValue(JsonNode value, string literal) => new(value.Start, value.End - value.Start, literal);

    /// <summary>
    /// Inserts <c>"name": value</c> as the first member of <paramref name="target"/>. A nested value is
    /// a string (already a JSON literal) or an <see cref="IReadOnlyDictionary{TKey,TValue}"/> of such,
    /// rendered in the file's layout.
    /// </summary>
    public TextEdit InsertFirst(JsonNode target, string name, object value)
    {
        if (target.Properties.Count == 0)
            return InsertIntoEmpty(target, name, value);
        var first = target.Properties[0];
        var colon = ColonSeparator(first);
        if (Source.IsFirstOnLine(first.NameStart))
        {
            var lineStart = Source.LineStart(first.NameStart);
            var indent = Cached(lineStart, first.NameStart);
            var eol = Source.LineEndingBefore(first.NameStart);
            if (value is string literal)
                return TextEdit.Insertion(first.NameStart, MemberLine(name, colon, literal, eol, indent));
            var member = Member(name, colon, value, indent, IndentUnit(target, indent), eol);
            return TextEdit.Insertion(first.NameStart, member + "," + eol + indent);
        }
        var gap = target.Properties.Count > 1
            ? Cached(CommaAfter(first.Value.End) + 1, target.Properties[1].NameStart)
            : Cached(target.Start + 1, first.NameStart);
        if (gap.Contains('\n') || gap.Contains("/*") || gap.Contains("//"))
            gap = " ";
        if (value is string text)
            return TextEdit.Insertion(first.NameStart, MemberLine(name, colon, text, "", gap));
        return TextEdit.Insertion(first.NameStart, Member(name, colon, value, "", "", "") + "," + gap);
    }

    /// <summary>Inserts <c>"name": value</c> after the last member of <paramref name="target"/>.</summary>
    public TextEdit InsertLast(JsonNode target, string name, object value)
    {
        if (target.Properties.Count == 0)
            return InsertIntoEmpty(target, name, value);
        var last = target.Properties[^1];
        var colon = ColonSeparator(last);
        if (Source.IsFirstOnLine(last.NameStart))
        {
            var lineStart = Source.LineStart(last.NameStart);
            var indent = Source.Text(lineStart, last.NameStart);
            var eol = Source.LineEndingBefore(last.NameStart);
            return TextEdit.Insertion(last.Value.End, "," + eol + indent + Member(name, colon, value, indent, IndentUnit(target, indent), eol));
        }
        return TextEdit.Insertion(last.Value.End, ", " + Member(name, colon, value, "", "", ""));
    }

    /// <summary>
    /// Removes a member with its separator: a member on its own line goes with its whole line; the
    /// last member also takes the comma before it; an inline member takes the gap that follows it.
    /// </summary>
    public TextEdit Remove(JsonNode owner, JsonProperty property)
    {
        var index = owner.Properties.IndexOf(property);
        var isLast = index == owner.Properties.Count - 1;
        var commaAfter = CommaAfter(property.Value.End);
        var hasCommaAfter = commaAfter >= 0;
        var ownLine = Source.IsFirstOnLine(property.NameStart) && RestOfLineIsBlank(hasCommaAfter ? commaAfter + 1 : property.Value.End);
        if (ownLine)
        {
            var from = Source.LineStart(property.NameStart);
            // A value may span lines (an object): the member ends at its comma or its value's end.
            var to = Source.NextLineStart(hasCommaAfter ? commaAfter : property.Value.End);
            if (isLast && !hasCommaAfter && index > 0)
            {
                // The previous member loses its comma; everything else on its line stays.
                var previousComma = CommaAfter(owner.Properties[index - 1].Value.End);
                return new TextEdit(previousComma, to - previousComma, Source.Text(previousComma + 1, from));
            }
            return TextEdit.Removal(from, to - from);
        }
        if (hasCommaAfter && !isLast)
        {
            var next = owner.Properties[index + 1].NameStart;
            return TextEdit.Removal(property.NameStart, next - property.NameStart);
        }
        if (index > 0)
        {
            // The last member: the comma before it goes, and comments between that comma and the member
            // (the previous member's) stay.
            var previousEnd = owner.Properties[index - 1].Value.End;
            var previousComma = CommaAfter(previousEnd);
            var end = hasCommaAfter ? commaAfter + 1 : property.Value.End;
            return Source.IsBlank(previousComma + 1, property.NameStart)
                ? TextEdit.Removal(previousEnd, end - previousEnd)
                : new TextEdit(previousComma, end - previousComma, Source.Text(previousComma + 1, property.NameStart));
        }
        return TextEdit.Removal(property.NameStart, (hasCommaAfter ? commaAfter + 1 : property.Value.End) - property.NameStart);
    }

    private TextEdit InsertIntoEmpty(JsonNode target, string name, object value)
    {
        var lineStart = Source.LineStart(target.Start);
        var indent = LeadingWhitespace(lineStart);
        var unit = DetectIndentUnit();
        var eol = Source.LineEndingBefore(target.Start);
        if (value is string)
            return TextEdit.Insertion(target.Start + 1, Member(name, ": ", value, "", "", ""));
        var inner = indent + unit;
        var text = eol + inner + Member(name, ": ", value, inner, unit, eol) + eol + indent;
        return new TextEdit(target.Start + 1, target.End - 1 - (target.Start + 1), text);
    }

    private string Member(string name, string colon, object value, string indent, string unit, string eol) =>
        QuoteName(name) + colon + Render(value, indent, unit, eol);

    /// <summary><c>"name": literal,</c> then what goes before the member it is inserted before (a line break and indent, or a gap); the last one made is kept.</summary>
    private string MemberLine(string name, string colon, string literal, string eol, string indent)
    {
        if (lastMember is { } last && last.Name == name && last.Colon == colon && last.Literal == literal && last.Eol == eol && last.Indent == indent)
            return last.Text;
        var text = string.Concat(QuoteName(name), colon, literal, ",", eol, indent);
        lastMember = (name, colon, literal, eol, indent, text);
        return text;
    }

    private string QuoteName(string name)
    {
        if (lastQuotedName is { } last && last.Name == name)
            return last.Quoted;
        var quoted = Quote(name);
        lastQuotedName = (name, quoted);
        return quoted;
    }

    /// <summary>
    /// The text of bytes [from, to) of the file, from the few kept when it is one of them: indents and
    /// separators repeat. A kept string answers only for exactly its bytes (ASCII, compared byte for char).
    /// </summary>
    private string Cached(int from, int to)
    {
        var bytes = Source.Bytes[from..to];
        foreach (var text in recentTexts)
            if (text is not null && Ascii.Equals(bytes, text))
                return text;
        var made = Source.Text(from, to);
        recentTexts[nextRecent] = made;
        nextRecent = (nextRecent + 1) % recentTexts.Length;
        return made;
    }

    private static string Render(object value, string indent, string unit, string eol)
    {
        if (value is string literal)
            return literal;
        return RenderObject((IReadOnlyDictionary<string, object>)value, indent, unit, eol);
    }

    // Apart from Render, whose string case would otherwise pay for the lambdas' captures on every call.
    private static string RenderObject(IReadOnlyDictionary<string, object> members, string indent, string unit, string eol)
    {
        if (members.Count == 0)
            return "{}";
        if (eol.Length == 0)
            return "{" + string.Join(", ", members.Select(m => Quote(m.Key) + ": " + Render(m.Value, "", "", ""))) + "}";
        var inner = indent + unit;
        var body = string.Join("," + eol, members.Select(m => inner + Quote(m.Key) + ": " + Render(m.Value, inner, unit, eol)));
        return "{" + eol + body + eol + indent + "}";
    }

    /// <summary>What stands between a member's name and its value, e.g. <c>": "</c> or <c>":"</c>.</summary>
    private string ColonSeparator(JsonProperty property)
    {
        var text = Cached(property.NameEnd, property.Value.Start);
        return text.Contains('\n') || text.Contains('/') ? ": " : text;
    }

    private string IndentUnit(JsonNode owner, string memberIndent)
    {
        var ownerIndent = LeadingWhitespace(Source.LineStart(owner.Start));
        return memberIndent.StartsWith(ownerIndent, StringComparison.Ordinal) && memberIndent.Length > ownerIndent.Length
            ? memberIndent[ownerIndent.Length..]
            : DetectIndentUnit();
    }

    private string DetectIndentUnit()
    {
        var bytes = Source.Bytes;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] != '\n')
                continue;
            var j = i + 1;
            while (j < bytes.Length && bytes[j] is (byte)' ' or (byte)'\t')
                j++;
            if (j > i + 1 && j < bytes.Length && bytes[j] is not ((byte)'\r' or (byte)'\n'))
                return Source.Text(i + 1, j);
        }
        return "  ";
    }

    private string LeadingWhitespace(int lineStart)
    {
        var end = lineStart;
        while (end < Source.Length && Source.Bytes[end] is (byte)' ' or (byte)'\t')
            end++;
        return Source.Text(lineStart, end);
    }

    /// <summary>Offset of the comma that follows a value (skipping whitespace and comments), or -1.</summary>
    private int CommaAfter(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == ',')
                return i;
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
                continue;
            }
            if (b == '/' && i + 1 < bytes.Length && bytes[i + 1] == '/')
            {
                i = Source.NextLineStart(i);
                continue;
            }
            if (b == '/' && i + 1 < bytes.Length && bytes[i + 1] == '*')
            {
                var close = bytes[(i + 2)..].IndexOf("*/"u8);
                i = close < 0 ? bytes.Length : i + 2 + close + 2;
                continue;
            }
            return -1;
        }
        return -1;
    }

    /// <summary>
    /// Whether the line holds nothing after <paramref name="offset"/> but white space and comments that end
    /// on it (<c>/* */</c>, then a <c>//</c> one), which then go with what stands before them.
    /// </summary>
    private bool RestOfLineIsBlank(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length)
        {
            switch (bytes[i])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r':
                    i++;
                    continue;
                case (byte)'\n':
                    return true;
                case (byte)'/' when i + 1 < bytes.Length && bytes[i + 1] == '/':
                    return true;
                case (byte)'/' when i + 1 < bytes.Length && bytes[i + 1] == '*':
                    var close = bytes[(i + 2)..].IndexOf("*/"u8);
                    if (close < 0 || bytes.Slice(i + 2, close).Contains((byte)'\n'))
                        return false; // a comment that goes on to another line is not this line's alone
                    i += close + 4;
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }
}
