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

    private string? stringValue;
    private List<JsonProperty>? properties;
    private List<JsonNode>? items;

    /// <summary>
    /// A string's value, decoded on first use: large templates hold megabytes of strings (resolver
    /// templates, policies) that nobody reads, so the parse keeps only their span.
    /// </summary>
    public string? StringValue
    {
        get => stringValue ??= Kind == JsonKind.String && Source is not null ? JsonSpanParser.DecodeString(Source.Bytes, Start, End) : null;
        init => stringValue = value;
    }

    /// <summary>The file's bytes, for decoding <see cref="StringValue"/> on demand.</summary>
    internal Text.SourceText? Source { get; init; }

    public bool Skipped { get; init; }

    // Created on first use: most nodes are scalars, which have neither. A skipped container has none to
    // give: an empty list would read as an empty object, so asking is a bug, not an answer.
    public List<JsonProperty> Properties => Skipped ? throw NotRead() : properties ??= [];

    public List<JsonNode> Items => Skipped ? throw NotRead() : items ??= [];

    private InvalidOperationException NotRead() => new($"The content of the value at byte {Start} was skipped by the parse.");

    public bool IsObject => Kind == JsonKind.Object;

    /// <summary>The property named <paramref name="name"/>; the last one wins, as in JSON.parse.</summary>
    public JsonProperty? Property(string name)
    {
        for (var i = Properties.Count - 1; i >= 0; i--)
            if (Properties[i].Name == name)
                return Properties[i];
        return null;
    }

    public JsonNode? this[string name] => Property(name)?.Value;
}
