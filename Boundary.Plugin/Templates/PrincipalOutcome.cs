using Boundary.Text;

namespace Boundary.Templates;

/// <param name="Note">Why, when the action needs saying (a stale boundary of another env).</param>
public sealed record PrincipalOutcome(TemplateResource Resource, PrincipalAction Action, string? Note = null);
