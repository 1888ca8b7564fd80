using System.Runtime.CompilerServices;

namespace Boundary.Yaml;

/// <summary>
/// A mapping entry: its key and its value. A value, not an object: a mapping's list holds its entries
/// inline (a large template has millions). A plain key (not quoted, no tag, no anchor), which nearly
/// every key is, is kept as its text and span rather than as a node: that is a node fewer for each
/// entry, and <see cref="Key"/> makes one when asked. Two entries are the same when their keys are
/// (the same span and text, or the same node) and their value nodes are.
/// </summary>
public readonly struct YamlEntry : IEquatable<YamlEntry>
{
    // A YamlNode, or the text of a plain key.
    private readonly object key;

    public YamlEntry(YamlNode key, YamlNode value)
    {
        this.key = key is { IsPlainScalar: true, Anchor: null } ? key.Value! : key;
        KeyStart = key.Start;
        KeyEnd = key.End;
        Value = value;
    }

    /// <summary>An entry whose key is plain (not quoted, no tag, no anchor), from its text and span.</summary>
    public YamlEntry(string plainKey, int keyStart, int keyEnd, YamlNode value)
    {
        key = plainKey;
        KeyStart = keyStart;
        KeyEnd = keyEnd;
        Value = value;
    }

    /// <summary>The key as a node: the one read for a key that is not plain, else a node made now from its text and span.</summary>
    public YamlNode Key => key as YamlNode ?? new YamlNode
    {
        Kind = YamlKind.Scalar,
        Start = KeyStart,
        End = KeyEnd,
        Value = (string)key,
        ScalarStyle = YamlDotNet.Core.ScalarStyle.Plain,
    };

    public YamlNode Value { get; }

    /// <summary>Where the key's text begins (its anchor and tag included), as <see cref="YamlNode.Start"/>.</summary>
    public int KeyStart { get; }

    /// <summary>Where the key's text ends, as <see cref="YamlNode.End"/>.</summary>
    public int KeyEnd { get; }

    /// <summary>The key's text when it is a scalar, else null.</summary>
    public string? Name => key as string ?? (key is YamlNode { Kind: YamlKind.Scalar } node ? node.Value : null);

    /// <summary>
    /// A merge key: a plain untagged <c>&lt;&lt;</c>, or any <c>&lt;&lt;</c> tagged <c>!!merge</c>, which YAML
    /// readers (PyYAML, cfn-lint) merge as well.
    /// </summary>
    public bool IsMerge => key is string name
        ? name == "<<"
        : key is YamlNode { Kind: YamlKind.Scalar, Value: "<<" } node && (node.IsPlainScalar || node.Tag == "tag:yaml.org,2002:merge");

    public int End => Math.Max(KeyEnd, Value.End);

    public bool Equals(YamlEntry other) =>
        ReferenceEquals(Value, other.Value) && KeyStart == other.KeyStart && KeyEnd == other.KeyEnd && Equals(key, other.key);

    public override bool Equals(object? obj) => obj is YamlEntry other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(KeyStart, RuntimeHelpers.GetHashCode(Value));

    public static bool operator ==(YamlEntry left, YamlEntry right) => left.Equals(right);

    public static bool operator !=(YamlEntry left, YamlEntry right) => !left.Equals(right);
}
