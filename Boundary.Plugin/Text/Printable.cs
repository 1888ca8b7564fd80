namespace Boundary.Text;

/// <summary>A value read from a project file, quoted on one line in a message.</summary>
public static class Printable
{
    public const int DefaultLimit = 200;

    /// <summary>
    /// A value read from a project file, made safe to quote: control characters, bidirectional overrides
    /// and anything outside printable ASCII as <c>\uXXXX</c>, a backslash doubled (a value can then neither
    /// move the cursor, nor colour or reorder the terminal's text, nor break a line of output), and a long
    /// value cut short, since a file can hold a megabyte where one ARN belongs.
    /// </summary>
    public static string Of(string text, int limit = DefaultLimit)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, limit) + 16);
        foreach (var c in text)
        {
            if (builder.Length >= limit)
                return builder.Append($"... ({text.Length} characters)").ToString();
            if (c == '\\')
                builder.Append("\\\\"); // so that a backslash written in the value cannot pass for an escape
            else if (c is < ' ' or > '~')
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
