namespace Boundary.Yaml;

/// <summary>
/// A YAML node located in its file. Offsets are bytes from byte 0 of the file (BOM included), end
/// exclusive. <see cref="Start"/> is where the node's text begins, its anchor and tag included.
/// <see cref="End"/> is where its content ends: after a flow collection's closing bracket, after a
/// scalar's last character (a block scalar's trailing line breaks excluded), and for a block
/// collection at the end of its last entry, so that comments and blank lines after it are not counted.
/// </summary>
public sealed class YamlNode
{
    public required YamlKind Kind { get; init; }

    public required int Start { get; init; }

    public int End { get; internal set; }

    /// <summary>The opening bracket of a flow collection (after any anchor and tag), else -1.</summary>
    public int OpenBracket { get; init; } = -1;

    public bool IsFlow { get; init; }

    /// <summary>The node's tag as written or resolved (<c>!Ref</c>, <c>tag:yaml.org,2002:str</c>), "!" for the non-specific tag, else null.</summary>
    public string? Tag { get; init; }

    public string? Anchor { get; init; }

    /// <summary>A scalar's value, or an alias's anchor name.</summary>
    public string? Value { get; init; }

    public YamlDotNet.Core.ScalarStyle ScalarStyle { get; init; }

    /// <summary>The node an alias refers to (the last node anchored with that name before it), when known.</summary>
    public YamlNode? Target { get; internal set; }

    /// <summary>
    /// A collection read through without building its content (too deep for what a template's principals
    /// need): its span, style, tag and anchor are known, its entries and items are not.
    /// </summary>
    public bool Skipped { get; init; }

    private List<YamlEntry>? entries;
    private List<YamlNode>? items;

    // Created on first use: most nodes are scalars, which have neither. A skipped collection has none to
    // give: an empty list would read as an empty collection, so asking is a bug, not an answer.
    public List<YamlEntry> Entries => Skipped ? throw NotRead() : entries ??= [];

    public List<YamlNode> Items => Skipped ? throw NotRead() : items ??= [];

    private InvalidOperationException NotRead() => new($"The content of the collection at byte {Start} was skipped by the parse.");

    public bool IsMapping => Kind == YamlKind.Mapping;

    public bool IsPlainScalar => Kind == YamlKind.Scalar && Tag is null && ScalarStyle == YamlDotNet.Core.ScalarStyle.Plain;

    /// <summary>This node, or for an alias the node it refers to (following chains of aliases).</summary>
    public YamlNode? Resolved
    {
        get
        {
            var node = this;
            for (var hops = 0; node is { Kind: YamlKind.Alias } && hops < 64; hops++)
                node = node.Target;
            return node is { Kind: YamlKind.Alias } ? null : node;
        }
    }

    /// <summary>A plain scalar that YAML's core schema reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlainScalar && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True when the node reads as a string: a quoted or block scalar, a plain one that is not null, a boolean or a number, or one tagged <c>!!str</c>.</summary>
    public bool IsString =>
        Kind == YamlKind.Scalar
        && (Tag is "tag:yaml.org,2002:str" or "!"
            || (Tag is null && (ScalarStyle != YamlDotNet.Core.ScalarStyle.Plain || !YamlScalars.IsNonString(Value!))));
}
