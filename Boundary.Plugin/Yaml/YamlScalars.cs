using System.Text;
using System.Text.RegularExpressions;

namespace Boundary.Yaml;

/// <summary>How a string is written as a YAML scalar so that every YAML reader reads it back unchanged.</summary>
public static partial class YamlScalars
{
    /// <summary>
    /// <paramref name="value"/> as a scalar: plain when it is ARN-shaped (only <c>[A-Za-z0-9:/+=,.@_-]</c>,
    /// a letter first, a colon inside, no colon last, so no indicator, comment or other type can be read
    /// into it), single-quoted otherwise, double-quoted with escapes only when it holds characters a
    /// single-quoted scalar cannot carry. In a flow collection it is always quoted: a comma ends a plain
    /// scalar there, and older YAML 1.1 readers also stop at a colon inside one.
    /// </summary>
    public static string Quote(string value, bool inFlow)
    {
        if (!inFlow && PlainSafe().IsMatch(value))
            return value;
        foreach (var c in value)
            if (c < 0x20 || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
                return DoubleQuote(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>True for a plain scalar that YAML 1.1 or 1.2 reads as null, a boolean or a number.</summary>
    public static bool IsNonString(string plain) => plain.Length == 0 || NonString().IsMatch(plain);

    private static string DoubleQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        builder.Append(c).Append(value[++i]);
                    else if (c < 0x20 || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
                        builder.Append($"\\u{(int)c:X4}");
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9:/+=,.@_-]*:[A-Za-z0-9:/+=,.@_-]*(?<!:)\z")]
    private static partial Regex PlainSafe();

    // YAML 1.2 core schema plus the YAML 1.1 booleans (y, yes, on, ...) that older readers still apply.
    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(0|[1-9][0-9_]*|0[0-7]+|0o[0-7]+|0x[0-9a-fA-F_]+|0b[01_]+|([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.(inf|Inf|INF))|\.(nan|NaN|NAN))\z")]
    private static partial Regex NonString();
}
