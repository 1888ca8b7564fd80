using Boundary.Core;
using Boundary.Text;
using Boundary.Yaml;

namespace Boundary.Templates;

/// <summary>
/// The <see cref="TextEdit"/>s that add, fill, replace or remove a <c>PermissionsBoundary</c> in a YAML
/// template, in the file's own layout: indentation, line endings, block or flow style. Comments,
/// anchors, aliases, tags and quoting outside the inserted or removed text stay byte for byte as they
/// were. <see cref="YamlTemplate"/> decides where an edit goes (and refuses shared nodes); this class
/// writes it, as <see cref="JsonTemplateEditor"/> does for <see cref="JsonTemplate"/>.
/// </summary>
public sealed class YamlTemplateEditor(SourceText source)
{
    private const string PropertiesKey = "Properties";

    public SourceText Source { get; } = source;

    /// <summary>The boundary as the first key of a Properties mapping (or a mapping branch of an <c>Fn::If</c>).</summary>
    public TextEdit InsertBoundary(TemplateResource resource, YamlNode mapping, string arn) =>
        mapping.IsFlow ? InsertFirstInFlow(mapping, Member(arn, inFlow: true)) : InsertFirstInBlock(resource, mapping, arn);

    /// <summary>A literal boundary's value replaced by the ARN, quoted for the mapping's style.</summary>
    public TextEdit ReplaceBoundary(TemplateResource resource, YamlNode mapping, YamlEntry boundary, string arn) =>
        ReplaceScalar(resource, boundary.Value, YamlScalars.Quote(arn, mapping.IsFlow));

    /// <summary>A value replaced in place; an anchored one is refused, since replacing it would drop its anchor.</summary>
    private TextEdit ReplaceScalar(TemplateResource resource, YamlNode value, string text)
    {
        if (value.Anchor is not null)
            throw Unsupported(resource, value, "change", $"its {CloudFormationTemplate.BoundaryProperty} value is anchored (&{value.Anchor}) and may be used elsewhere", "Write the value without an anchor");
        return new TextEdit(value.Start, TextEnd(value) - value.Start, text);
    }

    /// <summary>
    /// Where a scalar's text ends. An empty plain scalar written as only a tag (<c>!!null</c>, <c>!!str</c>)
    /// is given up to the next token, over the line break, comments and a flow comma: its text is the tag.
    /// </summary>
    private int TextEnd(YamlNode value)
    {
        if (value is not { Kind: YamlKind.Scalar, Value: "", ScalarStyle: YamlDotNet.Core.ScalarStyle.Plain } || value.Tag is null)
            return value.End;
        var bytes = Source.Bytes;
        var end = value.Start;
        if (bytes[end..].StartsWith("!<"u8))
            return Math.Min(value.End, end + bytes[end..].IndexOf((byte)'>') + 1);
        // A tag shorthand holds no white space and no flow indicator.
        while (end < value.End && bytes[end] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}'))
            end++;
        return end;
    }

    /// <summary>
    /// <c>PermissionsBoundary:</c> with an empty value (nothing, <c>~</c>, <c>null</c>, <c>""</c>): the
    /// ARN takes the value's place, or goes right after the colon when nothing is written there.
    /// </summary>
    public TextEdit FillEmptyBoundary(TemplateResource resource, YamlNode mapping, YamlEntry entry, string arn)
    {
        var value = entry.Value;
        var quoted = YamlScalars.Quote(arn, mapping.IsFlow);
        if (!(value.Kind == YamlKind.Scalar && value.IsPlainScalar && value.Value == "" && value.Anchor is null))
            return ReplaceScalar(resource, value, quoted);
        var bytes = Source.Bytes;
        var colon = entry.KeyEnd;
        while (colon < bytes.Length && bytes[colon] is (byte)' ' or (byte)'\t')
            colon++;
        if (colon >= bytes.Length || bytes[colon] != ':')
            throw Unsupported(resource, entry.Key, "add", $"its empty {CloudFormationTemplate.BoundaryProperty} is not written as 'key:'", $"Write '{CloudFormationTemplate.BoundaryProperty}: <arn>' by hand");
        return TextEdit.Insertion(colon + 1, " " + quoted);
    }

    /// <summary><c>PermissionsBoundary: value</c> on a line of its own before the first key, with that key's indentation.</summary>
    private TextEdit InsertFirstInBlock(TemplateResource resource, YamlNode properties, string arn)
    {
        var first = properties.Entries[0].KeyStart;
        var lineStart = Source.LineStart(first);
        if (!Source.IsFirstOnLine(first))
        {
            // A mapping that is a block sequence's item ("- RoleName: x", as Fn::If branches are often
            // written): the new key goes before the first one, and that one moves to the next line
            // with the column it had.
            if (!IsSequenceIndicators(lineStart, first))
                throw Unsupported(resource, properties.Entries[0].Key, "add", "the first key of its Properties does not start its line", "Put each Properties key on a line of its own");
            return TextEdit.Insertion(first, Member(arn, inFlow: false) + Source.LineEndingBefore(first) + new string(' ', first - lineStart));
        }
        return TextEdit.Insertion(lineStart, Source.Text(lineStart, first) + Member(arn, inFlow: false) + Source.LineEndingBefore(first));
    }

    /// <summary>
    /// <paramref name="member"/> (<c>PermissionsBoundary: value</c>, or a Properties holding it) first in a
    /// flow mapping, on the line of its opening brace: before the first key when it shares that line, else
    /// right after the brace.
    /// </summary>
    private TextEdit InsertFirstInFlow(YamlNode mapping, string member)
    {
        var brace = mapping.OpenBracket;
        if (mapping.Entries.Count == 0)
            return TextEdit.Insertion(brace + 1, member);
        var first = mapping.Entries[0].KeyStart;
        return Source.Bytes[brace..first].IndexOf((byte)'\n') < 0
            ? TextEdit.Insertion(first, member + ", ")
            : TextEdit.Insertion(brace + 1, member + ",");
    }

    /// <summary>
    /// A Properties entry holding the boundary: after Type (or the last key) in a block resource, last in a
    /// flow one; first in a flow one whose last value is an anchored scalar, since YamlDotNet cannot read
    /// such a value followed by another entry (<c>{Type: &amp;t AWS::IAM::Role, Properties: ...}</c> fails
    /// to parse), and the tool must read back what it writes.
    /// </summary>
    /// <param name="logicalIdKey">The resource's key in Resources, whose indentation the new lines follow.</param>
    /// <param name="resource">The resource's mapping.</param>
    /// <param name="after">The entry the new lines follow in a block mapping (Type, or the last key).</param>
    /// <param name="logicalId">The resource's logical id, for the message when its keys do not start their lines.</param>
    /// <param name="arn">The boundary's value.</param>
    public TextEdit AddProperties(YamlNode logicalIdKey, YamlNode resource, YamlEntry after, string logicalId, string arn)
    {
        if (resource.IsFlow)
        {
            var properties = $"{PropertiesKey}: {{{Member(arn, inFlow: true)}}}";
            return resource.Entries[^1].Value is { Kind: YamlKind.Scalar, Anchor: not null }
                ? InsertFirstInFlow(resource, properties)
                : TextEdit.Insertion(resource.Entries[^1].End, ", " + properties);
        }
        var indent = OwnLineIndent(logicalId, after.Key);
        var unit = IndentUnit(logicalIdKey, indent);
        var eol = Source.LineEndingBefore(after.KeyStart);
        return InsertLines(Source.NextLineStart(after.End), $"{indent}{PropertiesKey}:{eol}{indent}{unit}{Member(arn, inFlow: false)}", eol);
    }

    /// <summary><c>Properties:</c> with nothing (null) after it: the boundary goes on the next line; an explicit null becomes a flow mapping.</summary>
    public TextEdit FillNullProperties(YamlNode logicalIdKey, YamlNode resource, YamlEntry properties, string logicalId, string arn)
    {
        var value = properties.Value;
        var flowMapping = $"{{{Member(arn, inFlow: true)}}}";
        if (value.Value != "" || value.End > value.Start)
            return new TextEdit(value.Start, value.End - value.Start, flowMapping);
        if (resource.IsFlow)
        {
            var spaced = value.Start < Source.Length && Source.Bytes[value.Start] is (byte)' ' or (byte)'\t';
            return TextEdit.Insertion(value.Start, (spaced ? "" : " ") + flowMapping);
        }
        var indent = OwnLineIndent(logicalId, properties.Key);
        var eol = Source.LineEndingBefore(properties.KeyStart);
        return InsertLines(Source.NextLineStart(value.Start), indent + IndentUnit(logicalIdKey, indent) + Member(arn, inFlow: false), eol);
    }

    /// <summary>Whole lines inserted at a line start; at the end of a file without a final line break, the break goes first instead.</summary>
    private TextEdit InsertLines(int lineStart, string lines, string eol) =>
        lineStart == Source.Length && !EndsWithLineBreak()
            ? TextEdit.Insertion(lineStart, eol + lines)
            : TextEdit.Insertion(lineStart, lines + eol);

    /// <summary>
    /// Removes one mapping entry with its separator: in a block mapping its whole lines (at the end of a
    /// file without a final line break, the break before them instead); in a flow mapping the entry and
    /// one comma, or its whole line when it has one to itself.
    /// </summary>
    public TextEdit RemoveEntry(TemplateResource resource, YamlNode mapping, YamlEntry entry)
    {
        var bytes = Source.Bytes;
        var keyStart = entry.KeyStart;
        if (!mapping.IsFlow)
        {
            if (!Source.IsFirstOnLine(keyStart))
            {
                // The first key of a sequence item ("- PermissionsBoundary: x" then the next key on its
                // own line): the next key moves up to its place, undoing InsertFirstInBlock.
                var position = mapping.IndexOf(entry);
                if (position == 0 && mapping.Entries.Count > 1 && IsSequenceIndicators(Source.LineStart(keyStart), keyStart)
                    && Source.IsFirstOnLine(mapping.Entries[1].KeyStart) && Source.NextLineStart(entry.End) == Source.LineStart(mapping.Entries[1].KeyStart))
                    return TextEdit.Removal(keyStart, mapping.Entries[1].KeyStart - keyStart);
                throw Unsupported(resource, entry.Key, "remove", $"{entry.Name} does not start its line", "Remove it by hand");
            }
            var from = Source.LineStart(keyStart);
            var to = Source.NextLineStart(entry.End);
            if (to == bytes.Length && !EndsWithLineBreak() && from > Source.BomLength)
                from -= from >= 2 && bytes[from - 2] == '\r' ? 2 : 1;
            return TextEdit.Removal(from, to - from);
        }
        var index = mapping.IndexOf(entry);
        var comma = CommaAfter(entry.End);
        if (index < mapping.Entries.Count - 1)
        {
            if (Source.IsFirstOnLine(keyStart) && RestOfLineIsBlank(comma + 1))
            {
                var lineStart = Source.LineStart(keyStart);
                return TextEdit.Removal(lineStart, Source.NextLineStart(comma) - lineStart);
            }
            var end = comma + 1;
            var next = end;
            while (next < bytes.Length && bytes[next] is (byte)' ' or (byte)'\t')
                next++;
            if (next < bytes.Length && bytes[next] is not ((byte)'\r' or (byte)'\n' or (byte)'#'))
                end = next;
            return TextEdit.Removal(keyStart, end - keyStart);
        }
        if (index > 0)
        {
            var previousEnd = mapping.Entries[index - 1].End;
            return TextEdit.Removal(previousEnd, entry.End - previousEnd);
        }
        var onlyEnd = comma >= 0 ? comma + 1 : entry.End;
        return TextEdit.Removal(keyStart, onlyEnd - keyStart);
    }

    private static string Member(string arn, bool inFlow) => $"{CloudFormationTemplate.BoundaryProperty}: {YamlScalars.Quote(arn, inFlow)}";

    /// <summary>The indentation of a key that must start its line (every key of a block mapping does, but for a <c>? </c> key).</summary>
    private string OwnLineIndent(string logicalId, YamlNode key)
    {
        if (!Source.IsFirstOnLine(key.Start))
            throw BoundaryException.File($"{Source.Describe(key.Start)}: cannot add a permissions boundary to {logicalId}: its keys do not start their lines. Put each key on a line of its own and run again.");
        return Source.Text(Source.LineStart(key.Start), key.Start);
    }

    /// <summary>One level of indentation as this file writes it: how much deeper a resource's keys sit than its logical id.</summary>
    private string IndentUnit(YamlNode logicalIdKey, string resourceKeyIndent)
    {
        var logicalId = logicalIdKey.Start;
        if (!Source.IsFirstOnLine(logicalId))
            return "  ";
        var outer = Source.Text(Source.LineStart(logicalId), logicalId);
        return resourceKeyIndent.Length > outer.Length && resourceKeyIndent.StartsWith(outer, StringComparison.Ordinal)
            ? resourceKeyIndent[outer.Length..]
            : "  ";
    }

    /// <summary>Only spaces and "- " sequence indicators between <paramref name="from"/> and <paramref name="to"/>.</summary>
    private bool IsSequenceIndicators(int from, int to)
    {
        var sawDash = false;
        for (var i = from; i < to; i++)
        {
            var b = Source.Bytes[i];
            if (b == '-' && i + 1 < to && Source.Bytes[i + 1] == ' ')
                sawDash = true;
            else if (b != ' ')
                return false;
        }
        return sawDash;
    }

    private bool EndsWithLineBreak() => Source.Length > Source.BomLength && Source.Bytes[^1] == '\n';

    /// <summary>Offset of the comma after a flow value (skipping blanks, line breaks and comments), or -1.</summary>
    private int CommaAfter(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length)
        {
            switch (bytes[i])
            {
                case (byte)',':
                    return i;
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    i++;
                    break;
                case (byte)'#':
                    i = Source.NextLineStart(i);
                    break;
                default:
                    return -1;
            }
        }
        return -1;
    }

    private bool RestOfLineIsBlank(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t')
            i++;
        return i == bytes.Length || bytes[i] is (byte)'\r' or (byte)'\n';
    }

    private BoundaryException Unsupported(TemplateResource resource, YamlNode node, string verb, string why, string fix) =>
        Refusal(Source, resource, node, verb, why, fix);

    /// <summary>Why a boundary cannot be changed at <paramref name="node"/>, and what to do by hand.</summary>
    public static BoundaryException Refusal(SourceText source, TemplateResource resource, YamlNode node, string verb, string why, string fix) =>
        BoundaryException.File($"{source.Describe(node.Start)}: cannot {verb} the permissions boundary of {Text.Printable.Of(resource.LogicalId)}: {why}. {fix} and run again.");
}
