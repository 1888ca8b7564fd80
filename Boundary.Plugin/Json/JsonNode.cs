namespace Boundary.Json;

/// <summary>
/// A JSON value located in its file: <see cref="Start"/> and <see cref="End"/> are byte offsets
/// (end exclusive) into the file's bytes, BOM included. Containers deeper than the parse asked for
/// are <see cref="Skipped"/>: their span is known, their content was not read into nodes.
/// </summary>
public sealed class JsonNode
{
    public required JsonKind Kind { get; init; }

    public required int Start { get; init; }

    public int End { get; internal set; }

    // One slot for what the node's kind holds (a node in 40 bytes, not 64: a large template has millions):
    // a string's decoded value, or the file's bytes to decode it from; an object's members; an array's items.
    private object? payload;

    /// <summary>
    /// A string's value, decoded on first use: large templates hold megabytes of strings (resolver
    /// templates, policies) that nobody reads, so the parse keeps only their span.
    /// </summary>
    public string? StringValue
    {
        get => payload switch
        {
            string text => text,
            Text.SourceText source when Kind == JsonKind.String => (string)(payload = JsonSpanParser.DecodeString(source.Bytes, Start, End)),
            _ => null,
        };
        init => payload = value;
    }

    /// <summary>The file's bytes, for decoding <see cref="StringValue"/> on demand (until it is).</summary>
    internal Text.SourceText? Source
    {
        get => payload as Text.SourceText;
        init => payload = value;
    }

    public bool Skipped { get; init; }

    // Created on first use: most nodes are scalars, which have neither. A skipped container has none to
    // give: an empty list would read as an empty object, so asking is a bug, not an answer. Another kind
    // has none either: it gets an empty list of its own, as before the slot was shared.
    public List<JsonProperty> Properties =>
        Skipped ? throw NotRead()
        : Kind == JsonKind.Object ? (List<JsonProperty>)(payload ??= new List<JsonProperty>())
        : [];

    public List<JsonNode> Items =>
        Skipped ? throw NotRead()
        : Kind == JsonKind.Array ? (List<JsonNode>)(payload ??= new List<JsonNode>())
        : [];

    private InvalidOperationException NotRead() => new($"The content of the value at byte {Start} was skipped by the parse.");

    public bool IsObject => Kind == JsonKind.Object;

    /// <summary>The property named <paramref name="name"/>; the last one wins, as in JSON.parse.</summary>
    public JsonProperty? Property(string name)
    {
        var members = Properties;
        for (var i = members.Count - 1; i >= 0; i--)
            if (members[i].Name == name)
                return members[i];
        return null;
    }

    public JsonNode? this[string name] => Property(name)?.Value;
}
