
namespace Boundary.Templates;

/// <summary>A file that could not be read as a template: the message names file:line:column.</summary>
public sealed record TemplateError(string Path, string Message);
