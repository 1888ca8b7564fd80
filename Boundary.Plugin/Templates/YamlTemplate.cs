using Boundary.Editing;

namespace Boundary.Templates;

/// <summary>A YAML template (being written: YAML support lands with the templates work).</summary>
public sealed class YamlTemplate : CloudFormationTemplate
{
    private YamlTemplate(SourceText source)
        : base(source)
    {
    }

    public override TemplateFormat Format => TemplateFormat.Yaml;

    public override IReadOnlyList<TemplateResource> Principals => [];

    public static new YamlTemplate? Load(SourceText source) => null;

    public override TextEdit AddBoundary(TemplateResource resource, string arn) => throw new NotSupportedException();

    public override TextEdit ReplaceBoundary(TemplateResource resource, string arn) => throw new NotSupportedException();

    public override TextEdit RemoveBoundary(TemplateResource resource) => throw new NotSupportedException();
}
