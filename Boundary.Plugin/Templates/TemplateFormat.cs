namespace Boundary.Templates;

public enum TemplateFormat
{
    Json,
    Yaml,
}
