using Boundary.Json;
using Boundary.Text;

namespace Boundary.Templates;

/// <summary>
/// The <see cref="TextEdit"/>s that add, fill, replace or remove a <c>PermissionsBoundary</c> in a JSON
/// template, in the file's own layout (<see cref="JsonEditor"/> keeps indentation, line endings and
/// separators). <see cref="JsonTemplate"/> decides where an edit goes; this class writes it, as
/// <see cref="YamlTemplateEditor"/> does for <see cref="YamlTemplate"/>.
/// </summary>
public sealed class JsonTemplateEditor(SourceText source)
{
    private const string PropertiesKey = "Properties";

    private readonly JsonEditor editor = new(source);

    // Every role of a run gets the same ARN: quoted once a template, not once a role.
    private (string Arn, string Literal)? lastQuoted;

    /// <summary>A <c>Properties</c> object holding only the boundary, after the resource's last member.</summary>
    public TextEdit AddProperties(JsonNode resource, string arn) =>
        editor.InsertLast(resource, PropertiesKey, new Dictionary<string, object> { [CloudFormationTemplate.BoundaryProperty] = Quoted(arn) });

    /// <summary>The boundary as the first member of a Properties object (or an object branch of an <c>Fn::If</c>).</summary>
    public TextEdit InsertBoundary(JsonNode properties, string arn) =>
        editor.InsertFirst(properties, CloudFormationTemplate.BoundaryProperty, Quoted(arn));

    /// <summary>A boundary member whose value means none (<c>""</c>, null) gets the ARN as its value.</summary>
    public TextEdit FillEmptyBoundary(JsonProperty boundary, string arn) => ReplaceBoundary(boundary, arn);

    /// <summary>A boundary member's value replaced by the ARN.</summary>
    public TextEdit ReplaceBoundary(JsonProperty boundary, string arn) => editor.ReplaceValue(boundary.Value, Quoted(arn));

    /// <summary>Removes a member (the boundary, or a Properties object holding only it) with its separator.</summary>
    public TextEdit RemoveEntry(JsonNode owner, JsonProperty member) => editor.Remove(owner, member);

    private string Quoted(string arn)
    {
        if (lastQuoted is { } last && last.Arn == arn)
            return last.Literal;
        var literal = JsonEditor.Quote(arn);
        lastQuoted = (arn, literal);
        return literal;
    }
}
