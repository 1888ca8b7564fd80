using Boundary.Templates;

namespace Boundary.Push;

/// <summary>What happened to one IAM principal of a template.</summary>
public sealed record PrincipalReport(string LogicalId, string Type, int Line, int Column, PrincipalAction Action, string? Note = null)
{
    /// <summary>What the principal held before the run (see <see cref="TemplateResource.Boundary"/>).</summary>
    public BoundaryKind Boundary { get; init; }

    /// <summary>The boundary's string it held before the run, when one is known (see <see cref="TemplateResource.BoundaryValue"/>).</summary>
    public string? BoundaryValue { get; init; }
}
