namespace Boundary.Yaml;

/// <summary>
/// A mapping entry: its key and its value nodes. A value, not an object: a mapping's list holds its
/// entries inline (a large template has millions), and two entries are the same when their nodes are.
/// </summary>
public readonly record struct YamlEntry(YamlNode Key, YamlNode Value)
{
    /// <summary>The key's text when it is a scalar, else null.</summary>
    public string? Name => Key.Kind == YamlKind.Scalar ? Key.Value : null;

    /// <summary>
    /// A merge key: a plain untagged <c>&lt;&lt;</c>, or any <c>&lt;&lt;</c> tagged <c>!!merge</c>, which YAML
    /// readers (PyYAML, cfn-lint) merge as well.
    /// </summary>
    public bool IsMerge => Key.Kind == YamlKind.Scalar && Key.Value == "<<" && (Key.IsPlainScalar || Key.Tag == "tag:yaml.org,2002:merge");

    public int End => Math.Max(Key.End, Value.End);
}
