using System.Text.Json;
using Boundary.Core;
using Boundary.Text;

namespace Boundary.Json;

/// <summary>
/// Reads JSON into <see cref="JsonNode"/>s that know their byte spans, with System.Text.Json's reader
/// (it reports token offsets; the tree parsers do not). Accepts what the host accepts: a BOM, comments
/// and trailing commas.
/// </summary>
public static class JsonSpanParser
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 1024,
    };

    /// <summary>
    /// Parses <paramref name="source"/>. Containers nested deeper than <paramref name="depth"/> levels
    /// below the root are skipped (span only), which keeps large templates cheap.
    /// </summary>
    /// <exception cref="BoundaryException">The JSON is malformed or not UTF-8; the message names file:line:column.</exception>
    /// <param name="objectRead">
    /// Called with each object read into nodes (and its level: the root is 0) once its members are read,
    /// before its parent goes on: a caller may drop members it will never look at, so that a large file's
    /// nodes do not pile up.
    /// </param>
    /// <param name="restOfObjectUnread">
    /// Called with each member read into an object (and the object's level); true means the caller will
    /// not look into the object's later members: their containers are skipped (span only) as if deeper
    /// than <paramref name="depth"/>. Scalars are read as always.
    /// </param>
    public static JsonNode Parse(SourceText source, int depth = int.MaxValue, Action<JsonNode, int>? objectRead = null, Func<JsonProperty, int, bool>? restOfObjectUnread = null)
    {
        // The reader only finds bad UTF-8 when it decodes a string, and then throws without a position.
        source.EnsureUtf8();
        var reader = new Utf8JsonReader(source.Content, Options);
        try
        {
            if (!reader.Read())
                throw Malformed(source, source.Length, "the file holds no JSON value");
            var root = ReadValue(ref reader, new Context(source, source.BomLength, NameTable.ForThisThread, objectRead, restOfObjectUnread), depth, 0);
            if (reader.Read())
                throw Malformed(source, source.BomLength + (int)reader.TokenStartIndex, "unexpected content after the end of the JSON value");
            return root;
        }
        catch (InvalidOperationException e)
        {
            // GetString throws this (without a position) for an escape that is not valid UTF-16, such as
            // a lone surrogate: the reader still stands on that string.
            throw Malformed(source, source.BomLength + (int)reader.TokenStartIndex, $"a string cannot be decoded ({e.Message.TrimEnd('.')})");
        }
        catch (JsonException e)
        {
            var offset = source.OffsetOf((int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            throw Malformed(source, offset, Reason(e.Message));
        }
    }

    /// <summary>
    /// Reads a node that <see cref="Parse"/> skipped (or read only partly) in full: its bytes were
    /// already checked as JSON by that parse, so only a string that cannot be decoded can fail here.
    /// </summary>
    public static JsonNode ParseNode(SourceText source, JsonNode node)
    {
        var reader = new Utf8JsonReader(source.Bytes[node.Start..node.End], Options);
        try
        {
            if (!reader.Read())
                throw Malformed(source, node.Start, "the value is empty");
            return ReadValue(ref reader, new Context(source, node.Start, NameTable.ForThisThread, null, null), int.MaxValue, 0);
        }
        catch (InvalidOperationException e)
        {
            throw Malformed(source, node.Start + (int)reader.TokenStartIndex, $"a string cannot be decoded ({e.Message.TrimEnd('.')})");
        }
        catch (JsonException e)
        {
            throw Malformed(source, node.Start + (int)reader.TokenStartIndex, Reason(e.Message));
        }
    }

    /// <summary>What every level of one parse shares.</summary>
    private sealed record Context(SourceText Source, int BaseOffset, NameTable Names, Action<JsonNode, int>? ObjectRead, Func<JsonProperty, int, bool>? RestOfObjectUnread);

    private static JsonNode ReadValue(ref Utf8JsonReader reader, Context context, int depth, int level)
    {
        var baseOffset = context.BaseOffset;
        var start = baseOffset + (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                if (depth < 0)
                {
                    reader.Skip();
                    return new JsonNode { Kind = isObject ? JsonKind.Object : JsonKind.Array, Start = start, End = baseOffset + (int)reader.BytesConsumed, Skipped = true };
                }
                var node = new JsonNode { Kind = isObject ? JsonKind.Object : JsonKind.Array, Start = start };
                var unread = false;
                while (reader.Read())
                {
                    if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        node.End = baseOffset + (int)reader.BytesConsumed;
                        if (isObject)
                            context.ObjectRead?.Invoke(node, level);
                        return node;
                    }
                    if (isObject)
                    {
                        var nameStart = baseOffset + (int)reader.TokenStartIndex;
                        var name = context.Names.Get(ref reader);
                        // BytesConsumed would include the colon; the name ends at its closing quote.
                        var nameEnd = nameStart + (reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length) + 2;
                        reader.Read();
                        var member = new JsonProperty(name, nameStart, nameEnd, ReadValue(ref reader, context, unread ? -1 : depth - 1, level + 1));
                        node.Properties.Add(member);
                        unread = unread || context.RestOfObjectUnread?.Invoke(member, level) == true;
                    }
                    else
                    {
                        node.Items.Add(ReadValue(ref reader, context, depth - 1, level + 1));
                    }
                }
                throw new JsonException("the value is not closed", null, null, null);
            case JsonTokenType.String:
                // An unescaped string is its bytes (already checked as UTF-8): decoded only if someone asks.
                // An escaped one is decoded now, so that a bad escape is reported with its position.
                return reader.ValueIsEscaped
                    ? new JsonNode { Kind = JsonKind.String, Start = start, End = baseOffset + (int)reader.BytesConsumed, StringValue = reader.GetString() }
                    : new JsonNode { Kind = JsonKind.String, Start = start, End = baseOffset + (int)reader.BytesConsumed, Source = context.Source };
            case JsonTokenType.Number:
                return Scalar(JsonKind.Number, ref reader, start, baseOffset);
            case JsonTokenType.True:
                return Scalar(JsonKind.True, ref reader, start, baseOffset);
            case JsonTokenType.False:
                return Scalar(JsonKind.False, ref reader, start, baseOffset);
            default:
                return Scalar(JsonKind.Null, ref reader, start, baseOffset);
        }
    }

    /// <summary>
    /// The value of an unescaped string token spanning [start, end), quotes included. Short ones come from
    /// the thread's <see cref="NameTable"/>: the values asked for are mostly resource types, which repeat.
    /// </summary>
    internal static string DecodeString(ReadOnlySpan<byte> bytes, int start, int end) =>
        NameTable.ForThisThread.Get(bytes[(start + 1)..(end - 1)]);

    private static JsonNode Scalar(JsonKind kind, ref Utf8JsonReader reader, int start, int baseOffset) =>
        new() { Kind = kind, Start = start, End = baseOffset + (int)reader.BytesConsumed };

    private static BoundaryException Malformed(SourceText source, int offset, string reason) =>
        BoundaryException.File($"{source.Describe(offset)}: invalid JSON: {reason}. Fix the file (or restore it from version control) and run again.");

    /// <summary>The reader's message without its own position suffix, which we replace by file:line:column.</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd(' ', '.');
    }
}
