using Boundary.Text;

namespace Boundary.Templates;

public enum PrincipalAction
{
    /// <summary>The boundary was added.</summary>
    Injected,

    /// <summary>A boundary was already there (a person's string or an intrinsic): left as it is.</summary>
    Kept,

    /// <summary>A value this tool wrote earlier was changed to the env's current boundary (persist mode).</summary>
    Updated,

    /// <summary>A value this tool wrote earlier was removed because the env has no boundary now (persist mode).</summary>
    Removed,

    /// <summary>Not a principal the rules cover (service-linked roles; users without --include-users).</summary>
    Skipped,
}

public sealed record PrincipalOutcome(TemplateResource Resource, PrincipalAction Action);

/// <summary>The edits planned for one template, nothing written yet.</summary>
public sealed record TemplatePlan(CloudFormationTemplate Template, IReadOnlyList<TextEdit> Edits, IReadOnlyList<PrincipalOutcome> Outcomes)
{
    public bool Changes => Edits.Count > 0;

    public byte[] Apply() => TextEdit.Apply(Template.Source.Bytes, Edits);
}

public sealed record InjectionOptions(bool IncludeUsers = false);

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
