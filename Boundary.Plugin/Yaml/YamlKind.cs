namespace Boundary.Yaml;

public enum YamlKind
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}
