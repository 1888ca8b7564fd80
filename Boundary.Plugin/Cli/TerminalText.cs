using System.Buffers;
using Boundary.Text;

namespace Boundary.Cli;

/// <summary>
/// The console's last guard over everything the tool writes: characters a terminal would act on are
/// shown as escapes, and a message's later lines are indented, whatever the text quotes.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// The characters a terminal acts on instead of showing: C0 controls but line feed and tab (escape
    /// sequences, carriage return, backspace), DEL, C1 controls, the bidirectional embeddings, overrides
    /// and isolates, and the Unicode line and paragraph separators.
    /// </summary>
    private static readonly SearchValues<char> TerminalControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u061C\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>
    /// Output made safe for a terminal: every character it would act on (see <see cref="TerminalControls"/>)
    /// written as <c>\uXXXX</c>, everything else as it is. A name or value that a site forgot to pass
    /// through <see cref="Printable.Of"/> can still not colour, move or erase what is on the screen. Line
    /// feeds pass, since the tool's own messages have several lines (<see cref="Message"/> indents them).
    /// In JSON output, <c>\uXXXX</c> inside a string is the same character.
    /// </summary>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(TerminalControls);
        return first < 0 ? text : Escape(text.AsSpan(), first);
    }

    /// <summary>
    /// <see cref="Escape(string)"/> for a message: a line, a warning or an error, whose own text may run
    /// over several lines. Every line after its first is indented to at least two spaces, so that only
    /// the tool starts a line at the left margin: a name or value that still carries a line feed (a
    /// parser's message quoting its input, a site that did not pass it through <see cref="Printable.Of"/>)
    /// cannot print a line that passes for an error, a warning or a report line of the tool's own.
    /// </summary>
    public static string Message(string text)
    {
        text = Escape(text);
        var next = text.IndexOf('\n');
        if (next < 0)
            return text;
        var builder = new System.Text.StringBuilder(text.Length + 16);
        var from = 0;
        while (next >= 0)
        {
            builder.Append(text, from, next + 1 - from);
            from = next + 1;
            if (from < text.Length && !text.AsSpan(from).StartsWith("  "))
                builder.Append(text.AsSpan(from).StartsWith(" ") ? " " : "  ");
            next = text.IndexOf('\n', from);
        }
        return builder.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>
    /// <see cref="Escape(string)"/> of a span, written to <paramref name="writer"/>, except that a
    /// carriage return right before a line feed passes: the line ending of a CRLF file in a diff, which
    /// only ends the line on a terminal, and which a patch of that file must keep.
    /// </summary>
    public static void WriteKeepingCrLf(TextWriter writer, ReadOnlySpan<char> text)
    {
        // Written in runs that end only at a character to escape: a CRLF file's diff is one write a block,
        // not two a line.
        var start = 0;
        var from = 0;
        while (text[from..].IndexOfAny(TerminalControls) is var found and >= 0)
        {
            var at = from + found;
            from = at + 1;
            if (text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n')
                continue;
            if (at > start)
                writer.Write(text[start..at]);
            writer.Write(EscapeOne(text[at]));
            start = from;
        }
        if (start < text.Length)
            writer.Write(text[start..]);
    }

    private static string Escape(ReadOnlySpan<char> text, int first)
    {
        var builder = new System.Text.StringBuilder(text.Length + 16);
        while (first >= 0)
        {
            builder.Append(text[..first]).Append(EscapeOne(text[first]));
            text = text[(first + 1)..];
            first = text.IndexOfAny(TerminalControls);
        }
        return builder.Append(text).ToString();
    }

    private static string EscapeOne(char c) => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
