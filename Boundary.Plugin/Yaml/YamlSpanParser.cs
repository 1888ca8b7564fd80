using System.Text.RegularExpressions;
using Boundary.Core;
using Boundary.Text;
using YamlDotNet.Core.Events;
using YamlDotNet.Core;

namespace Boundary.Yaml;

/// <summary>
/// Reads the first YAML document of a file into <see cref="YamlNode"/>s that know their byte spans,
/// from YamlDotNet's parser events (their marks count UTF-16 characters; the nodes count bytes). Tags
/// such as CloudFormation's <c>!Ref</c> or <c>!GetAtt</c> are only tags here: nothing is resolved or
/// re-serialised.
/// </summary>
public static partial class YamlSpanParser
{
    /// <summary>The root node of the first document, or null when the file holds no document.</summary>
    /// <exception cref="BoundaryException">The file is not UTF-8 or not YAML; the message names file:line:column.</exception>
    public static YamlNode? Parse(SourceText source)
    {
        var text = source.DecodeUtf8();
        var reader = new Reader(source, text);
        try
        {
            return reader.ReadFirstDocument();
        }
        catch (YamlException e)
        {
            throw Malformed(source, reader.ToByte(e.Start.Index), Reason(e.Message), e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these instead of a YamlException on some malformed input
            // (an unclosed flow sequence, for one): the last event read is the closest position known.
            throw Malformed(source, reader.LastGoodOffset, "the YAML cannot be parsed after this point", e);
        }
    }

    private static BoundaryException Malformed(SourceText source, int offset, string reason, Exception inner) =>
        BoundaryException.File($"{source.Describe(offset)}: invalid YAML: {reason}. Fix the file (or restore it from version control) and run again.", inner);

    /// <summary>YamlDotNet's message without its own "(Line: 1, Col: 2, Idx: 3) - (...)" prefix, which file:line:column replaces.</summary>
    private static string Reason(string message) => MarkPrefix().Replace(message, "").TrimEnd(' ', '.');

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private const int MaxDepth = 1024;

    private sealed class Reader(SourceText source, string text)
    {
        private readonly Parser parser = new(new StringReader(text));
        private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
        private CharToByteMap? map;

        public int LastGoodOffset { get; private set; } = source.BomLength;

        public YamlNode? ReadFirstDocument()
        {
            while (Next() is { } parsingEvent)
            {
                if (parsingEvent is DocumentStart)
                {
                    var first = Next() ?? throw Unexpected();
                    return ReadNode(first, 0);
                }
                if (parsingEvent is StreamEnd)
                    return null;
            }
            return null;
        }

        /// <summary>The byte offset of a UTF-16 character index into the decoded text.</summary>
        public int ToByte(long charIndex) => (map ??= new CharToByteMap(text, source.BomLength)).ToByte(charIndex);

        private ParsingEvent? Next()
        {
            if (!parser.MoveNext())
                return null;
            LastGoodOffset = ToByte(parser.Current!.Start.Index);
            return parser.Current;
        }

        private YamlException Unexpected() =>
            new(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "unexpected end of the YAML stream");

        private YamlNode ReadNode(ParsingEvent parsingEvent, int depth)
        {
            // As deep as JSON is read (JsonSpanParser's MaxDepth): deeper would risk the stack.
            if (depth > MaxDepth)
                throw new YamlException(parsingEvent.Start, parsingEvent.End, $"the document is nested deeper than {MaxDepth} levels");
            switch (parsingEvent)
            {
                case Scalar scalar:
                {
                    var end = ToByte(scalar.End.Index);
                    if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                        end = TrimTrailingBlank(ToByte(scalar.Start.Index), end);
                    var node = new YamlNode
                    {
                        Kind = YamlKind.Scalar,
                        Start = ToByte(scalar.Start.Index),
                        End = end,
                        Tag = TagOf(scalar),
                        Anchor = AnchorOf(scalar),
                        Value = scalar.Value,
                        ScalarStyle = scalar.Style,
                    };
                    Remember(node);
                    return node;
                }
                case AnchorAlias alias:
                {
                    // An alias before (or without) its anchor: standard readers refuse it, and a reader
                    // that made it null would see another template than the one checked.
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor (&{alias.Value.Value}) before it");
                    return new YamlNode
                    {
                        Kind = YamlKind.Alias,
                        Start = ToByte(alias.Start.Index),
                        End = ToByte(alias.End.Index),
                        Value = alias.Value.Value,
                        Target = target,
                    };
                }
                case MappingStart mappingStart:
                {
                    var isFlow = mappingStart.Style == MappingStyle.Flow;
                    var node = new YamlNode
                    {
                        Kind = YamlKind.Mapping,
                        Start = ToByte(mappingStart.Start.Index),
                        OpenBracket = isFlow ? ToByte(mappingStart.End.Index) : -1,
                        IsFlow = isFlow,
                        Tag = TagOf(mappingStart),
                        Anchor = AnchorOf(mappingStart),
                    };
                    // Anchored before its content, so that an alias inside it resolves as YAML says.
                    Remember(node);
                    while (Next() is { } next)
                    {
                        if (next is MappingEnd mappingEnd)
                        {
                            node.End = isFlow ? ToByte(mappingEnd.Start.Index) + 1 : node.Entries.Count > 0 ? node.Entries[^1].End : node.Start;
                            return node;
                        }
                        var key = ReadNode(next, depth + 1);
                        var value = ReadNode(Next() ?? throw Unexpected(), depth + 1);
                        node.Entries.Add(new YamlEntry(key, value));
                    }
                    throw Unexpected();
                }
                case SequenceStart sequenceStart:
                {
                    var isFlow = sequenceStart.Style == SequenceStyle.Flow;
                    var node = new YamlNode
                    {
                        Kind = YamlKind.Sequence,
                        Start = ToByte(sequenceStart.Start.Index),
                        OpenBracket = isFlow ? ToByte(sequenceStart.End.Index) : -1,
                        IsFlow = isFlow,
                        Tag = TagOf(sequenceStart),
                        Anchor = AnchorOf(sequenceStart),
                    };
                    Remember(node);
                    while (Next() is { } next)
                    {
                        if (next is SequenceEnd sequenceEnd)
                        {
                            node.End = isFlow ? ToByte(sequenceEnd.Start.Index) + 1 : node.Items.Count > 0 ? node.Items[^1].End : node.Start;
                            return node;
                        }
                        node.Items.Add(ReadNode(next, depth + 1));
                    }
                    throw Unexpected();
                }
                default:
                    throw new YamlException(parsingEvent.Start, parsingEvent.End, $"unexpected {parsingEvent.GetType().Name}");
            }
        }

        private void Remember(YamlNode node)
        {
            if (node.Anchor is not null)
                anchors[node.Anchor] = node;
        }

        /// <summary>A block scalar's end mark lies after its trailing line breaks; its content ends at its last non-blank character.</summary>
        private int TrimTrailingBlank(int start, int end)
        {
            var bytes = source.Bytes;
            while (end > start && bytes[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                end--;
            return end;
        }

        private static string? TagOf(NodeEvent node) =>
            node.Tag.IsEmpty ? null : node.Tag.IsNonSpecific ? "!" : node.Tag.Value;

        private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;
    }
}
