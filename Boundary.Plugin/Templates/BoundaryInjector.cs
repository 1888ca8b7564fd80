using Boundary.Editing;

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

/// <param name="Note">Why, when the action needs saying (a stale boundary of another env).</param>
public sealed record PrincipalOutcome(TemplateResource Resource, PrincipalAction Action, string? Note = null);

/// <summary>The edits planned for one template, nothing written yet.</summary>
public sealed record TemplatePlan(CloudFormationTemplate Template, IReadOnlyList<TextEdit> Edits, IReadOnlyList<PrincipalOutcome> Outcomes)
{
    public bool Changes => Edits.Count > 0;

    public byte[] Apply() => TextEdit.Apply(Template.Source.Bytes, Edits);
}

/// <param name="StaleBoundaries">The boundaries of the project's other envs (ARN to env name): a literal equal to one was generated while that env was current and is replaced.</param>
public sealed record InjectionOptions(bool IncludeUsers = false, IReadOnlyDictionary<string, string>? StaleBoundaries = null)
{
    /// <summary>The other env whose boundary <paramref name="resource"/> holds, or null.</summary>
    public string? StaleFrom(TemplateResource resource, string arn) =>
        resource.Boundary == BoundaryKind.Literal && resource.BoundaryValue != arn && StaleBoundaries is not null
        && StaleBoundaries.TryGetValue(resource.BoundaryValue!, out var env) ? env : null;
}

/// <summary>
/// The host's rule, applied to one template: every AWS::IAM::Role (and SAM function or state machine)
/// without a PermissionsBoundary (or with an empty one) gets the env's ARN; an existing value (string or
/// intrinsic) is kept, except a literal that is another env's boundary of the same project, which is
/// replaced; service-linked roles are never touched; users only with <see cref="InjectionOptions.IncludeUsers"/>.
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
            if (options.StaleFrom(resource, arn) is { } staleEnv)
            {
                edits.Add(Replace(template, resource, arn));
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Updated, StaleNote(staleEnv)));
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
        resource.Type == TemplateResource.Role || resource.IsSam || (options.IncludeUsers && resource.Type == TemplateResource.User);

    /// <summary>A stale boundary replaced by <paramref name="arn"/>: in place, or (one from SAM Globals) by the function's own value, which wins over Globals.</summary>
    public static Editing.TextEdit Replace(CloudFormationTemplate template, TemplateResource resource, string arn) =>
        resource.FromGlobals ? template.AddBoundary(resource, arn) : template.ReplaceBoundary(resource, arn);

    public static string StaleNote(string env) => $"stale boundary from env '{env}' replaced";
}
