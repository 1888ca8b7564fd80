using Boundary.Core;
using Boundary.Json;
using Boundary.Text;

namespace Boundary.Templates;

/// <summary>A JSON template: JSON positions come from <see cref="JsonSpanParser"/>, edits from <see cref="JsonEditor"/>.</summary>
public sealed class JsonTemplate : CloudFormationTemplate
{
    // Root > Resources > logical id > Properties > PermissionsBoundary: deeper values are only spans.
    private const int ParseDepth = 4;

    private readonly JsonEditor editor;
    private readonly Dictionary<TemplateResource, JsonNode> nodes;

    private JsonTemplate(SourceText source, IReadOnlyList<TemplateResource> principals, Dictionary<TemplateResource, JsonNode> nodes)
        : base(source)
    {
        editor = new JsonEditor(source);
        Principals = principals;
        this.nodes = nodes;
    }

    public override TemplateFormat Format => TemplateFormat.Json;

    public override IReadOnlyList<TemplateResource> Principals { get; }

    public static new JsonTemplate? Load(SourceText source)
    {
        var root = JsonSpanParser.Parse(source, ParseDepth);
        if (root["Resources"] is not { IsObject: true } resources)
            return null;
        if (resources.Properties.Count > 0 && !resources.Properties.Any(r => r.Value.IsObject && r.Value["Type"] is not null))
            return null;
        var principals = new List<TemplateResource>();
        var nodes = new Dictionary<TemplateResource, JsonNode>();
        foreach (var entry in resources.Properties)
        {
            if (!entry.Value.IsObject || entry.Value["Type"] is not { Kind: JsonKind.String } type)
                continue;
            if (type.StringValue is not (TemplateResource.Role or TemplateResource.User or TemplateResource.ServiceLinkedRole))
                continue;
            var properties = entry.Value["Properties"];
            var boundary = properties is { IsObject: true } ? properties[BoundaryProperty] : null;
            var (line, column) = source.Position(entry.NameStart);
            var resource = new TemplateResource(
                entry.Name,
                type.StringValue,
                entry.NameStart,
                line,
                column,
                boundary is null ? BoundaryKind.None : boundary.Kind == JsonKind.String ? BoundaryKind.Literal : BoundaryKind.Intrinsic,
                boundary?.StringValue,
                properties is not null);
            principals.Add(resource);
            nodes[resource] = entry.Value;
        }
        return new JsonTemplate(source, principals, nodes);
    }

    public override TextEdit AddBoundary(TemplateResource resource, string arn)
    {
        var node = nodes[resource];
        var properties = node["Properties"];
        if (properties is null)
            return editor.InsertLast(node, "Properties", new Dictionary<string, object> { [BoundaryProperty] = JsonEditor.Quote(arn) });
        if (!properties.IsObject)
            throw Unsupported(resource, properties, "its Properties is not an object");
        return editor.InsertFirst(properties, BoundaryProperty, JsonEditor.Quote(arn));
    }

    public override TextEdit ReplaceBoundary(TemplateResource resource, string arn) =>
        editor.ReplaceValue(nodes[resource]["Properties"]![BoundaryProperty]!, JsonEditor.Quote(arn));

    public override TextEdit RemoveBoundary(TemplateResource resource)
    {
        var node = nodes[resource];
        var propertiesMember = node.Property("Properties")!;
        var properties = propertiesMember.Value;
        // Properties that hold only the boundary, laid out as AddBoundary writes them for a resource
        // without Properties (the last member; on lines of their own exactly when the member has its own
        // line), go with it: that undoes the addition exactly.
        if (properties.Properties.Count == 1 && node.Properties[^1] == propertiesMember
            && Source.IsFirstOnLine(propertiesMember.NameStart) == Source.Bytes.AsSpan(properties.Start, properties.End - properties.Start).Contains((byte)'\n'))
            return editor.Remove(node, propertiesMember);
        return editor.Remove(properties, properties.Property(BoundaryProperty)!);
    }

    private BoundaryException Unsupported(TemplateResource resource, JsonNode node, string why) =>
        BoundaryException.File($"{Source.Describe(node.Start)}: cannot add a permissions boundary to {resource.LogicalId}: {why}. Give it a Properties object and run again.");
}
