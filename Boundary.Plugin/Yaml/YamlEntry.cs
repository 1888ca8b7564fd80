namespace Boundary.Yaml;

/// <summary>A mapping entry: its key and its value nodes.</summary>
public sealed record YamlEntry(YamlNode Key, YamlNode Value)
{
    /// <summary>The key's text when it is a scalar, else null.</summary>
    public string? Name => Key.Kind == YamlKind.Scalar ? Key.Value : null;

    /// <summary>A merge key (<c>&lt;&lt;</c>, plain and untagged).</summary>
    public bool IsMerge => Key.IsPlainScalar && Key.Value == "<<";

    public int End => Math.Max(Key.End, Value.End);
}
