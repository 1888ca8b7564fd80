namespace Boundary.Yaml;

/// <summary>
/// The first document of a YAML file: its root node, and every alias in it in file order (also those
/// inside collections read without building nodes), so that a caller can tell which nodes are shared
/// without walking the whole document.
/// </summary>
/// <param name="NextDocument">Where a second document starts (its byte offset), or null when the file holds one.</param>
public sealed record YamlDocument(YamlNode Root, IReadOnlyList<YamlNode> Aliases, int? NextDocument = null)
{
    /// <summary>
    /// Every key that is a mapping or a sequence (<c>? [a]</c>, <c>[a]: x</c>) among the nodes read, in file
    /// order. Readers differ on what such a key names: js-yaml, which the host reads templates with, makes
    /// <c>[Admin]</c> the key <c>Admin</c>.
    /// </summary>
    public IReadOnlyList<YamlNode> CollectionKeys { get; init; } = [];
}
