using Boundary.Core;
using Boundary.Text;

namespace Boundary.Json;

/// <summary>
/// A JSON settings file (team-provider-info, amplify-meta, local-env-info) read once, queried by path,
/// and changed through minimal <see cref="TextEdit"/>s.
/// </summary>
public sealed class JsonFile
{
    // The top level's members by name (the last one wins, as in JSON.parse), made on first use: a file's
    // every env is looked up in turn (list, the other envs' boundaries), and a cloned file can hold
    // hundreds of thousands, which a search of the members for each would take minutes over.
    private Dictionary<string, JsonNode>? topLevel;

    private JsonFile(SourceText source, JsonNode root)
    {
        Source = source;
        Root = root;
        Editor = new JsonEditor(source);
    }

    public SourceText Source { get; }

    public JsonNode Root { get; }

    public JsonEditor Editor { get; }

    public string Path => Source.Path;

    /// <summary>Reads and parses a file whose top level must be an object.</summary>
    public static JsonFile Load(string path)
    {
        var source = SourceText.Read(path);
        var root = JsonSpanParser.Parse(source);
        if (!root.IsObject)
            throw BoundaryException.File($"{source.Describe(root.Start)}: expected a JSON object at the top level, found {root.Kind.ToString().ToLowerInvariant()}. Restore the file from version control or fix it by hand.");
        return new JsonFile(source, root);
    }

    public JsonNode? Find(params string[] path)
    {
        var node = Root;
        for (var depth = 0; depth < path.Length; depth++)
        {
            if (!node.IsObject)
                return null;
            var next = depth == 0 ? TopLevel(path[0]) : node[path[depth]];
            if (next is null)
                return null;
            node = next;
        }
        return node;
    }

    private JsonNode? TopLevel(string name)
    {
        if (topLevel is null)
        {
            var members = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var member in Root.Properties)
                members[member.Name] = member.Value;
            topLevel = members;
        }
        return topLevel.GetValueOrDefault(name);
    }

    /// <summary>The string at <paramref name="path"/>; null when absent or JSON null; an error for another kind.</summary>
    public string? GetString(params string[] path)
    {
        var node = Find(path);
        if (node is null || node.Kind == JsonKind.Null)
            return null;
        if (node.Kind != JsonKind.String)
            throw BoundaryException.File($"{Source.Describe(node.Start)}: expected a string at {string.Join('.', path)}, found {node.Kind.ToString().ToLowerInvariant()}. Fix the file and run again.");
        return node.StringValue;
    }

    /// <summary>
    /// The edit that makes <paramref name="path"/> hold the string <paramref name="value"/>: the value
    /// is replaced in place, or the missing members are created (first in their object, as the host
    /// writes the boundary). Null when the file already holds exactly that.
    /// </summary>
    public TextEdit? SetString(string[] path, string value, bool appendTopLevel = false)
    {
        var literal = JsonEditor.Quote(value);
        var node = Root;
        for (var depth = 0; depth < path.Length; depth++)
        {
            if (!node.IsObject)
                throw BoundaryException.File($"{Source.Describe(node.Start)}: expected an object at {string.Join('.', path[..depth])}, found {node.Kind.ToString().ToLowerInvariant()}. Fix the file and run again.");
            var property = node.Property(path[depth]);
            RefuseTwice(node, path, depth);
            if (property is null)
            {
                object nested = literal;
                for (var i = path.Length - 1; i > depth; i--)
                    nested = new Dictionary<string, object> { [path[i]] = nested };
                return appendTopLevel && depth == 0
                    ? Editor.InsertLast(node, path[depth], nested)
                    : Editor.InsertFirst(node, path[depth], nested);
            }
            if (depth == path.Length - 1)
            {
                var existing = property.Value;
                if (existing.Kind == JsonKind.String && Source.Text(existing.Start, existing.End) == literal)
                    return null;
                return Editor.ReplaceValue(existing, literal);
            }
            node = property.Value;
        }
        return null;
    }

    /// <summary>The edit that removes the member at <paramref name="path"/>, or null when it is absent.</summary>
    public TextEdit? Remove(params string[] path)
    {
        var owner = Root;
        for (var depth = 0; depth < path.Length - 1; depth++)
        {
            RefuseTwice(owner, path, depth);
            if (owner[path[depth]] is not { IsObject: true } next)
                return null;
            owner = next;
        }
        RefuseTwice(owner, path, path.Length - 1);
        var property = owner.Property(path[^1]);
        return property is null ? null : Editor.Remove(owner, property);
    }

    /// <summary>
    /// A member an edit goes through or changes must be written once in its object: readers take the last
    /// of two (JSON.parse does), others the first, and removing one would bring the other back.
    /// </summary>
    private void RefuseTwice(JsonNode owner, string[] path, int depth)
    {
        var first = true;
        foreach (var member in owner.Properties)
        {
            if (member.Name != path[depth])
                continue;
            if (!first)
                throw BoundaryException.File($"{Source.Describe(member.NameStart)}: \"{path[depth]}\" is written twice in {(depth == 0 ? "the top-level object" : string.Join('.', path[..depth]))}; readers disagree on which one counts, and changing one would leave the other. Keep one and run again.");
            first = false;
        }
    }

    public byte[] Apply(params TextEdit?[] edits) =>
        TextEdit.Apply(Source.Bytes, edits.Where(e => e is not null).Select(e => e!).ToList());
}
