using System.Text;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Corpus;

/// <summary>A role as a standard reader (Newtonsoft for JSON, YamlDotNet for YAML) sees it: the oracle the tool's own parsers are checked against.</summary>
public sealed record StandardRole(string LogicalId, string? Boundary);

/// <summary>Reads the AWS::IAM::Role resources of a template with standard libraries, not the tool's span parsers.</summary>
public static class StandardReader
{
    /// <summary>Null when the file is not a template (no Resources mapping of entries with a Type).</summary>
    public static IReadOnlyList<StandardRole>? Roles(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        return text.TrimStart().StartsWith('{') ? JsonRoles(text) : YamlRoles(text);
    }

    private static List<StandardRole>? JsonRoles(string text)
    {
        if (JToken.Parse(text) is not JObject root || root["Resources"] is not JObject resources)
            return null;
        if (!resources.Properties().Any(p => p.Value is JObject r && r["Type"] is not null))
            return null;
        var roles = new List<StandardRole>();
        foreach (var resource in resources.Properties())
        {
            if (resource.Value is not JObject body || (string?)(body["Type"] as JValue) != "AWS::IAM::Role")
                continue;
            var boundary = (body["Properties"] as JObject)?["PermissionsBoundary"];
            roles.Add(new StandardRole(resource.Name, boundary switch
            {
                null => null,
                JValue { Type: JTokenType.String } value => (string)value!,
                _ => boundary.ToString(Newtonsoft.Json.Formatting.None),
            }));
        }
        return roles;
    }

    private static List<StandardRole>? YamlRoles(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return null;
        if (!root.Children.TryGetValue(new YamlScalarNode("Resources"), out var resourcesNode) || resourcesNode is not YamlMappingNode resources)
            return null;
        var roles = new List<StandardRole>();
        foreach (var (key, value) in resources.Children)
        {
            if (value is not YamlMappingNode body || !body.Children.TryGetValue(new YamlScalarNode("Type"), out var type) || type is not YamlScalarNode { Value: "AWS::IAM::Role" })
                continue;
            YamlNode? boundary = null;
            if (body.Children.TryGetValue(new YamlScalarNode("Properties"), out var properties) && properties is YamlMappingNode map)
                map.Children.TryGetValue(new YamlScalarNode("PermissionsBoundary"), out boundary);
            roles.Add(new StandardRole(((YamlScalarNode)key).Value!, boundary switch
            {
                null => null,
                YamlScalarNode { Tag.IsEmpty: true } scalar => scalar.Value,
                _ => boundary.ToString(),
            }));
        }
        return roles;
    }
}
