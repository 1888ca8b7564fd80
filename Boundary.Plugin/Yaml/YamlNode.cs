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
    // A large template holds millions of nodes, so a node is kept to 48 bytes: fields that never occur
    // together share a slot (a scalar's value or a collection's content; a tag, or an alias's target),
    // an anchor (rare) comes with its tag in an object of its own, and the small fields are bytes.
    private object? valueOrContent;
    private object? decoration; // null, the tag (a string), an alias's target (a YamlNode) or an Anchored
    private byte kind;
    private byte scalarStyle;
    private byte flags;

    private const byte FlowFlag = 1;
    private const byte SkippedFlag = 2;

    public required YamlKind Kind { get => (YamlKind)kind; init => kind = (byte)value; }

    public required int Start { get; init; }

    public int End { get; internal set; }

    /// <summary>The opening bracket of a flow collection (after any anchor and tag), else -1.</summary>
    public int OpenBracket { get; init; } = -1;

    public bool IsFlow { get => (flags & FlowFlag) != 0; init => flags = (byte)(value ? flags | FlowFlag : flags & ~FlowFlag); }

    /// <summary>The node's tag as written or resolved (<c>!Ref</c>, <c>tag:yaml.org,2002:str</c>), "!" for the non-specific tag, else null.</summary>
    public string? Tag { get => decoration as string ?? (decoration as Anchored)?.Tag; init => decoration = Decorate(value, Anchor); }

    /// <summary>The node's anchor name; an alias has none.</summary>
    public string? Anchor { get => (decoration as Anchored)?.Anchor; init => decoration = Decorate(Tag, value); }

    /// <summary>A scalar's value, or an alias's anchor name.</summary>
    public string? Value { get => valueOrContent as string; init => valueOrContent = value; }

    public YamlDotNet.Core.ScalarStyle ScalarStyle { get => (YamlDotNet.Core.ScalarStyle)scalarStyle; init => scalarStyle = (byte)value; }

    /// <summary>The node an alias refers to (the last node anchored with that name before it), when known.</summary>
    public YamlNode? Target { get => decoration as YamlNode; internal set => decoration = value; }

    private static object? Decorate(string? tag, string? anchor) => anchor is null ? tag : new Anchored(tag, anchor);

    private sealed record Anchored(string? Tag, string Anchor);

    /// <summary>
    /// A collection read through without building its content (too deep for what a template's principals
    /// need): its span, style, tag and anchor are known, its entries and items are not.
    /// </summary>
    public bool Skipped { get => (flags & SkippedFlag) != 0; init => flags = (byte)(value ? flags | SkippedFlag : flags & ~SkippedFlag); }

    // Arrays of exactly the content's size, set once the collection is read: a list's own object and
    // its spare capacity would be most of a small mapping's memory. A skipped collection has none to give:
    // an empty list would read as an empty collection, so asking is a bug, not an answer. Another kind of
    // node has none: it gets an empty list.
    public IReadOnlyList<YamlEntry> Entries => Skipped ? throw NotRead() : Kind == YamlKind.Mapping ? (YamlEntry[]?)valueOrContent ?? [] : [];

    public IReadOnlyList<YamlNode> Items => Skipped ? throw NotRead() : Kind == YamlKind.Sequence ? (YamlNode[]?)valueOrContent ?? [] : [];

    /// <summary>A mapping's entries, as read (or as a reader keeps of them).</summary>
    internal void SetEntries(YamlEntry[] entries) =>
        valueOrContent = Kind == YamlKind.Mapping && !Skipped ? entries : throw new InvalidOperationException($"The node at byte {Start} is not a mapping that was read.");

    /// <summary>Where <paramref name="entry"/> stands among a mapping's entries, or -1.</summary>
    public int IndexOf(YamlEntry entry) => valueOrContent is YamlEntry[] entries ? Array.IndexOf(entries, entry) : -1;

    /// <summary>A sequence's items, as read.</summary>
    internal void SetItems(YamlNode[] items) =>
        valueOrContent = Kind == YamlKind.Sequence && !Skipped ? items : throw new InvalidOperationException($"The node at byte {Start} is not a sequence that was read.");

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
