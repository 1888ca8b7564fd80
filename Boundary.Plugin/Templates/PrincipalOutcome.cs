
namespace Boundary.Templates;

public sealed record PrincipalOutcome(TemplateResource Resource, PrincipalAction Action);
