using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// Persist mode's rule: the host's rule for values nobody owns, plus: a literal value this tool wrote
/// earlier (per <see cref="Ownership"/>) follows the env's boundary: replaced when it differs
/// (Updated), removed when the env has none (Removed).
/// </summary>
public static class OwnedBoundaryPlanner
{
    public static TemplatePlan Plan(CloudFormationTemplate template, string? arn, InjectionOptions options, Func<TemplateResource, bool> owned)
    {
        var edits = new List<TextEdit>();
        var outcomes = new List<PrincipalOutcome>();
        foreach (var resource in template.Principals)
        {
            if (!BoundaryInjector.Covers(resource, options))
            {
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Skipped));
                continue;
            }
            if (arn is not null)
                BoundaryInjector.RefuseStaleItCannotReplace(template, resource, arn, options);
            if (arn is not null && !owned(resource) && options.StaleFrom(resource, arn) is { } staleEnv)
            {
                edits.Add(BoundaryInjector.Replace(template, resource, arn));
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Updated, BoundaryInjector.StaleNote(staleEnv)));
                continue;
            }
            switch (resource.Boundary)
            {
                case BoundaryKind.None when arn is not null:
                    edits.Add(template.AddBoundary(resource, arn));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Injected));
                    break;
                case BoundaryKind.None:
                    break; // no boundary wanted, none there
                case BoundaryKind.Literal when owned(resource) && !resource.FromGlobals && arn is null:
                    edits.Add(template.RemoveBoundary(resource));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Removed));
                    break;
                case BoundaryKind.Literal when owned(resource) && !resource.FromGlobals && resource.BoundaryValue != arn:
                    edits.Add(template.ReplaceBoundary(resource, arn!));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Updated));
                    break;
                default:
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Kept));
                    break;
            }
        }
        return new TemplatePlan(template, edits, outcomes);
    }
}
