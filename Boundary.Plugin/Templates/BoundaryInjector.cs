using Boundary.Text;

namespace Boundary.Templates;

/// <summary>
/// The host's rule, applied to one template: every AWS::IAM::Role without a PermissionsBoundary gets
/// the env's ARN; an existing value (string or intrinsic) is never changed; service-linked roles are
/// never touched; users only with <see cref="InjectionOptions.IncludeUsers"/>.
/// </summary>
public static class BoundaryInjector
{
    public static TemplatePlan Plan(CloudFormationTemplate template, string arn, InjectionOptions options)
    {
        var edits = new List<TextEdit>();
        var outcomes = new List<PrincipalOutcome>();
        foreach (var resource in template.Principals)
        {
            if (!Covers(resource, options))
            {
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Skipped));
                continue;
            }
            if (resource.Boundary != BoundaryKind.None)
            {
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Kept));
                continue;
            }
            edits.Add(template.AddBoundary(resource, arn));
            outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Injected));
        }
        return new TemplatePlan(template, edits, outcomes);
    }

    public static bool Covers(TemplateResource resource, InjectionOptions options) =>
        resource.Type == TemplateResource.Role || (options.IncludeUsers && resource.Type == TemplateResource.User);
}
