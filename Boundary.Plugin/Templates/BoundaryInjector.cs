using Boundary.Core;
using Boundary.Text;

namespace Boundary.Templates;

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
        // Most insertions of a file are the same text (same indentation, same ARN): kept once.
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in template.Principals)
        {
            YoungGeneration.TickWithin(template.Source.Length);
            if (!Covers(resource, options))
            {
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Skipped));
                continue;
            }
            RefuseStaleItCannotReplace(template, resource, arn, options);
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
            var added = template.AddBoundary(resource, arn);
            edits.Add(texts.TryGetValue(added.Insert, out var same) ? added with { Insert = same } : added);
            texts.TryAdd(added.Insert, added.Insert);
            outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Injected));
        }
        return new TemplatePlan(template, edits, outcomes);
    }

    /// <summary>
    /// Refuses another env's boundary that <see cref="Replace"/> cannot reach: one that an intrinsic
    /// function always gives (see <see cref="ConstantIntrinsic"/>) or gives under some conditions,
    /// in the resource, through Globals or in an Fn::If branch of its Properties; and a string in such a
    /// branch when the branches do not all hold that one string; and one in a ScheduleV2 event, which SAM
    /// gives to the role it makes for the event (events are not edited). Left alone, it would deploy that
    /// env's boundary here, always or under some conditions.
    /// </summary>
    public static void RefuseStaleItCannotReplace(CloudFormationTemplate template, TemplateResource resource, string arn, InjectionOptions options)
    {
        var held = resource.Branches is { } branches
            ? branches.SelectMany(b => b.Kind == BoundaryKind.Intrinsic ? Held(b.Kind, b.Value, b.Choices)
                : b.Kind == BoundaryKind.Literal && resource.Boundary != BoundaryKind.Literal ? [(b.Kind, b.Value, true)] : [])
            : resource.Boundary == BoundaryKind.Intrinsic ? Held(resource.Boundary, resource.BoundaryValue, resource.Choices) : [];
        foreach (var (kind, value, always) in held)
        {
            if (options.StaleEnvOf(value, arn) is not { } env)
                continue;
            var id = Text.Printable.Of(resource.LogicalId);
            var where = resource.FromGlobals ? $"the PermissionsBoundary that {id} takes from Globals.Function"
                : resource.Branches is not null ? $"the PermissionsBoundary in an Fn::If branch of the Properties of {id}"
                : $"the PermissionsBoundary of {id}";
            var what = kind == BoundaryKind.Literal ? $"{Text.Printable.Of(value!)} while its other branches differ" : Holding(kind, value!, always);
            throw BoundaryException.File($"{template.Source.Describe(resource.Offset)}: {where} is {what}: the boundary of env '{Text.Printable.Of(env)}', not this env's {arn}. "
                + $"This tool replaces another env's boundary only where it is the role's one string. Write {arn} there instead (or delete that PermissionsBoundary, and the push adds this env's) and run again.");
        }
        foreach (var e in resource.EventBoundaries ?? [])
        {
            foreach (var (kind, value, always) in e.Kind == BoundaryKind.Literal ? [(e.Kind, e.Value, true)] : Held(e.Kind, e.Value, e.Choices))
            {
                if (options.StaleEnvOf(value, arn) is not { } env)
                    continue;
                var what = Holding(kind, value!, always);
                throw BoundaryException.File($"{template.Source.Describe(resource.Offset)}: the PermissionsBoundary of the ScheduleV2 event {Text.Printable.Of(e.EventName)} of {Text.Printable.Of(resource.LogicalId)} (line {e.Line}, column {e.Column}) is {what}: the boundary of env '{Text.Printable.Of(env)}', not this env's {arn}. "
                    + $"SAM gives it to the role it makes for the event, and this tool does not edit events. Write {arn} there instead and run again.");
            }
        }
    }

    /// <summary>How a boundary holds <paramref name="value"/>: written out, or given by an intrinsic function always or under some conditions.</summary>
    private static string Holding(BoundaryKind kind, string value, bool always) =>
        kind == BoundaryKind.Literal ? Text.Printable.Of(value)
        : always ? $"an intrinsic function that always gives {Text.Printable.Of(value)}"
        : $"an intrinsic function that gives {Text.Printable.Of(value)} under some conditions";

    /// <summary>What an intrinsic boundary may give: each of its choices, and whether it always gives it.</summary>
    private static IEnumerable<(BoundaryKind Kind, string? Value, bool Always)> Held(BoundaryKind kind, string? value, IReadOnlyList<string>? choices) =>
        (choices ?? []).Select(choice => (kind, (string?)choice, choice == value));

    public static bool Covers(TemplateResource resource, InjectionOptions options) =>
        resource.Type == TemplateResource.Role || resource.IsSam || (options.IncludeUsers && resource.Type == TemplateResource.User);

    /// <summary>A stale boundary replaced by <paramref name="arn"/>: in place, or (one from SAM Globals) by the function's own value, which wins over Globals.</summary>
    public static Text.TextEdit Replace(CloudFormationTemplate template, TemplateResource resource, string arn) =>
        resource.FromGlobals ? template.AddBoundary(resource, arn) : template.ReplaceBoundary(resource, arn);

    public static string StaleNote(string env) => $"stale boundary from env '{Text.Printable.Of(env)}' replaced";
}
