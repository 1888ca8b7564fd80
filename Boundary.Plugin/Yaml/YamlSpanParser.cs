using System.Text;
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
/// re-serialised. The text is decoded as the parser reads it, never held whole, and collections deeper
/// than a template's principals need are read through without building nodes (see <see cref="Parse"/>).
/// </summary>
public static partial class YamlSpanParser
{
    /// <summary>
    /// Collections this deep (the root is 0: Resources 1, a resource 2, its Properties 3, a property's
    /// value 4) become <see cref="YamlNode.Skipped"/> nodes, span and style only, unless something may
    /// need their content: an anchored node (an alias can bring it anywhere), the value of a
    /// <c>PermissionsBoundary</c>, <c>Fn::If</c>, merge (<c>&lt;&lt;</c>), <c>DeploymentPreference</c>,
    /// <c>Events</c>, <c>OperatorRole</c> or <c>IgnoreGlobals</c> key (whether SAM makes a role of its own,
    /// or keeps Globals from a function) and a <c>!If</c>
    /// sequence are read whole, wherever they are.
    /// </summary>
    public const int SkipDepth = 4;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first document, or null when the file holds no document.</summary>
    /// <param name="mappingRead">
    /// Called with each mapping (and its depth) once its entries are read, before its parent goes on: a
    /// caller may drop entries it will never look at, so that a large file's nodes do not pile up.
    /// </param>
    /// <param name="restOfMappingUnread">
    /// Called with each entry read into a mapping (and the mapping's depth); true means the caller will
    /// not look into the mapping's later values: their collections are read through as if deeper than
    /// <see cref="SkipDepth"/> (what is read whole wherever it is still is).
    /// </param>
    /// <exception cref="BoundaryException">The file is not UTF-8 or not YAML; the message names file:line:column.</exception>
    public static YamlDocument? Parse(SourceText source, Action<YamlNode, int>? mappingRead = null, Func<YamlEntry, int, bool>? restOfMappingUnread = null)
    {
        source.EnsureUtf8();
        var reader = new Reader(source, mappingRead, restOfMappingUnread);
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

    // Bytes decoded at a time. The reader's char buffer is twice this: kept under the large-object
    // threshold (85,000 bytes), so that each file's reader is not a large-object allocation, which
    // would start a full collection every few files.
    private const int DecodeBufferSize = 1 << 14;

    private sealed class Reader(SourceText source, Action<YamlNode, int>? mappingRead, Func<YamlEntry, int, bool>? restOfMappingUnread)
    {
        private const int InternedLength = 64;
        private readonly Parser parser = new(new StreamReader(
            source.OpenContent(),
            Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: DecodeBufferSize));
        private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
        private readonly List<YamlNode> aliases = [];
        private readonly List<YamlNode> collectionKeys = [];

        // Keys and short values repeat through a template ("Type", "Properties", "AWS::IAM::Role"): one
        // string each, so the parser's fresh copies die young instead of living as long as the nodes. A
        // direct-mapped table, as JSON's NameTable: the strings that never repeat (logical ids) only
        // take a slot for a while, where a dictionary would keep every one until the end of the parse.
        private const int InternedSlots = 1024;
        private readonly string?[] interned = new string?[InternedSlots];
        private readonly CharToByteMap map = new(source);
        private long lastGoodIndex;

        public int LastGoodOffset => ToByte(lastGoodIndex);

        public YamlDocument? ReadFirstDocument()
        {
            while (Next() is { } parsingEvent)
            {
                if (parsingEvent is DocumentStart)
                {
                    var first = Next() ?? throw Unexpected();
                    var root = ReadNode(first, 0, whole: false, unread: false);
                    // Only the start of a second document is read, not its content.
                    if (Next() is not DocumentEnd)
                        throw Unexpected();
                    var next = Next() is DocumentStart second ? ToByte(second.Start.Index) : (int?)null;
                    return new YamlDocument(root, aliases, next) { CollectionKeys = collectionKeys };
                }
                if (parsingEvent is StreamEnd)
                    return null;
            }
            return null;
        }

        /// <summary>The byte offset of a UTF-16 character index into the content.</summary>
        public int ToByte(long charIndex) => map.ToByte(charIndex);

        private ParsingEvent? Next()
        {
            if (!parser.MoveNext())
                return null;
            lastGoodIndex = parser.Current!.Start.Index;
            return parser.Current;
        }

        private YamlException Unexpected() =>
            new(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "unexpected end of the YAML stream");

        /// <param name="whole">Build every node below this one, whatever its depth.</param>
        /// <param name="unread">Skip this collection (unless <paramref name="whole"/>), whatever its depth.</param>
        private YamlNode ReadNode(ParsingEvent parsingEvent, int depth, bool whole, bool unread)
        {
            EnsureDepth(parsingEvent, depth);
            switch (parsingEvent)
            {
                case Scalar scalar:
                {
                    var node = new YamlNode
                    {
                        Kind = YamlKind.Scalar,
                        Start = ToByte(scalar.Start.Index),
                        End = ScalarEnd(scalar),
                        Tag = Intern(TagOf(scalar)),
                        Anchor = AnchorOf(scalar),
                        Value = Intern(scalar.Value),
                        ScalarStyle = scalar.Style,
                    };
                    Remember(node);
                    return node;
                }
                case AnchorAlias alias:
                    return Alias(alias);
                case MappingStart or SequenceStart:
                {
                    var start = (NodeEvent)parsingEvent;
                    whole |= !start.Anchor.IsEmpty || TagOf(start) == "!If";
                    var isMapping = start is MappingStart;
                    var isFlow = start is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
                    var node = new YamlNode
                    {
                        Kind = isMapping ? YamlKind.Mapping : YamlKind.Sequence,
                        Start = ToByte(start.Start.Index),
                        OpenBracket = isFlow ? ToByte(start.End.Index) : -1,
                        IsFlow = isFlow,
                        Tag = Intern(TagOf(start)),
                        Anchor = AnchorOf(start),
                        Skipped = !whole && (unread || depth >= SkipDepth),
                    };
                    // Anchored before its content, so that an alias inside it resolves as YAML says.
                    Remember(node);
                    if (node.Skipped)
                    {
                        node.End = SkipContent(isMapping, isFlow, node.Start, depth);
                        return node;
                    }
                    var restUnread = false;
                    var entries = isMapping ? Scratch(entryScratch, depth) : null;
                    var items = isMapping ? null : Scratch(itemScratch, depth);
                    while (Next() is { } next)
                    {
                        if (next is MappingEnd or SequenceEnd)
                        {
                            var last = isMapping ? (entries!.Count > 0 ? entries[^1].End : -1) : (items!.Count > 0 ? items[^1].End : -1);
                            node.End = isFlow ? ToByte(next.Start.Index) + 1 : last >= 0 ? last : node.Start;
                            if (isMapping)
                            {
                                node.SetEntries(TakeAll(entries!));
                                mappingRead?.Invoke(node, depth);
                            }
                            else
                            {
                                node.SetItems(TakeAll(items!));
                            }
                            return node;
                        }
                        if (isMapping)
                        {
                            var entry = ReadEntry(next, depth + 1, whole, restUnread);
                            entries!.Add(entry);
                            restUnread = restUnread || restOfMappingUnread?.Invoke(entry, depth) == true;
                        }
                        else
                        {
                            items!.Add(ReadNode(next, depth + 1, whole, unread: false));
                        }
                    }
                    throw Unexpected();
                }
                default:
                    throw new YamlException(parsingEvent.Start, parsingEvent.End, $"unexpected {parsingEvent.GetType().Name}");
            }
        }

        // One list a depth, reused for every collection read at that depth: each collection keeps an array
        // of its content's exact size.
        private readonly List<YamlEntry>?[] entryScratch = new List<YamlEntry>?[MaxDepth + 2];
        private readonly List<YamlNode>?[] itemScratch = new List<YamlNode>?[MaxDepth + 2];

        private static List<T> Scratch<T>(List<T>?[] lists, int depth) => lists[depth] ??= [];

        private static T[] TakeAll<T>(List<T> list)
        {
            var all = list.ToArray();
            list.Clear();
            return all;
        }

        /// <summary>A mapping entry from its key's event on; a plain key (the most of them) is kept as text, not as a node.</summary>
        private YamlEntry ReadEntry(ParsingEvent keyEvent, int depth, bool whole, bool unread)
        {
            if (keyEvent is Scalar { Style: ScalarStyle.Plain, Tag.IsEmpty: true, Anchor.IsEmpty: true } plain)
            {
                EnsureDepth(plain, depth);
                var name = Intern(plain.Value);
                var value = ReadNode(Next() ?? throw Unexpected(), depth, whole || IsReadWhole(name), unread);
                return new YamlEntry(name, ToByte(plain.Start.Index), ScalarEnd(plain), value);
            }
            var key = ReadNode(keyEvent, depth, whole, unread);
            if (key.Kind is YamlKind.Mapping or YamlKind.Sequence)
                collectionKeys.Add(key);
            var written = ReadNode(Next() ?? throw Unexpected(), depth, whole || (key.Kind == YamlKind.Scalar && IsReadWhole(key.Value)), unread);
            return new YamlEntry(key, written);
        }

        // As deep as JSON is read (JsonSpanParser's MaxDepth): deeper would risk the stack.
        private static void EnsureDepth(ParsingEvent parsingEvent, int depth)
        {
            if (depth > MaxDepth)
                throw new YamlException(parsingEvent.Start, parsingEvent.End, $"the document is nested deeper than {MaxDepth} levels");
        }

        /// <summary>The keys whose values a template's principals are decided by, wherever they are.</summary>
        private static bool IsReadWhole(string? key) => key is "PermissionsBoundary" or "Fn::If" or "<<" or "DeploymentPreference" or "Events" or "OperatorRole" or "IgnoreGlobals";

        /// <summary>
        /// Reads a skipped collection's events up to its end, building only anchored nodes and aliases,
        /// and returns where its content ends, as a built node's <see cref="YamlNode.End"/> would be.
        /// </summary>
        private int SkipContent(bool isMapping, bool isFlow, int start, int depth)
        {
            var last = -1;
            while (Next() is { } next)
            {
                if (next is MappingEnd or SequenceEnd)
                    return isFlow ? ToByte(next.Start.Index) + 1 : last >= 0 ? last : start;
                last = SkipNode(next, depth + 1);
                if (isMapping)
                    last = Math.Max(last, SkipNode(Next() ?? throw Unexpected(), depth + 1));
            }
            throw Unexpected();
        }

        /// <summary>Reads one node without building it (unless it is anchored or an alias); returns its end.</summary>
        private int SkipNode(ParsingEvent parsingEvent, int depth)
        {
            EnsureDepth(parsingEvent, depth);
            switch (parsingEvent)
            {
                case NodeEvent { Anchor.IsEmpty: false }:
                    return ReadNode(parsingEvent, depth, whole: true, unread: false).End;
                case Scalar scalar:
                    return ScalarEnd(scalar);
                case AnchorAlias alias:
                    return Alias(alias).End;
                case MappingStart mapping:
                    return SkipContent(isMapping: true, mapping.Style == MappingStyle.Flow, ToByte(mapping.Start.Index), depth);
                case SequenceStart sequence:
                    return SkipContent(isMapping: false, sequence.Style == SequenceStyle.Flow, ToByte(sequence.Start.Index), depth);
                default:
                    throw new YamlException(parsingEvent.Start, parsingEvent.End, $"unexpected {parsingEvent.GetType().Name}");
            }
        }

        private YamlNode Alias(AnchorAlias alias)
        {
            // An alias before (or without) its anchor: standard readers refuse it, and a reader
            // that made it null would see another template than the one checked.
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor (&{alias.Value.Value}) before it");
            var node = new YamlNode
            {
                Kind = YamlKind.Alias,
                Start = ToByte(alias.Start.Index),
                End = ToByte(alias.End.Index),
                Value = alias.Value.Value,
                Target = target,
            };
            aliases.Add(node);
            return node;
        }

        /// <summary>A block scalar's end mark lies after its trailing line breaks; its content ends at its last non-blank character.</summary>
        private int ScalarEnd(Scalar scalar)
        {
            var end = ToByte(scalar.End.Index);
            if (scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded))
                return end;
            var start = ToByte(scalar.Start.Index);
            var bytes = source.Bytes;
            while (end > start && bytes[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                end--;
            return end;
        }

        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
        private string? Intern(string? value)
        {
            if (value is null || value.Length > InternedLength)
                return value;
            ref var slot = ref interned[(uint)string.GetHashCode(value.AsSpan(), StringComparison.Ordinal) % InternedSlots];
            if (slot is not null && string.Equals(slot, value, StringComparison.Ordinal))
                return slot;
            slot = value;
            return value;
        }

        private void Remember(YamlNode node)
        {
            if (node.Anchor is not null)
                anchors[node.Anchor] = node;
        }

        private static string? TagOf(NodeEvent node) =>
            node.Tag.IsEmpty ? null : node.Tag.IsNonSpecific ? "!" : node.Tag.Value;

        private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;
    }
}
