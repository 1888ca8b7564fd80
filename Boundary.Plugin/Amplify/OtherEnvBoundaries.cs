using Boundary.Json;

namespace Boundary.Amplify;

/// <summary>
/// The boundaries of a project's other envs, by ARN. The host writes the current env's ARN into some
/// generated stacks (auth triggers, GraphQL) and never updates it, so a literal equal to another env's
/// boundary is stale, not a person's choice.
/// </summary>
public static class OtherEnvBoundaries
{
    /// <summary>
    /// Compares ARNs as IAM names policies: without regard to case (an account cannot hold two policies
    /// whose names differ only in case, so a template's <c>policy/prodboundary</c> is prod's policy or none).
    /// </summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// ARN to env name (compared by <see cref="Comparer"/>) for every env but <paramref name="env"/> whose
    /// valid boundary, once trimmed of the blanks a hand edit may leave around it, is not <paramref name="current"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(JsonFile teamProviderInfo, string? env, string? current)
    {
        var others = new Dictionary<string, string>(Comparer);
        foreach (var name in AmplifyProject.EnvNames(teamProviderInfo))
        {
            if (name == env || BoundarySettings.Read(teamProviderInfo, name)?.Trim() is not { } arn || Comparer.Equals(arn, current))
                continue;
            if (PolicyArn.TryParse(arn, out _, out _))
                others.TryAdd(arn, name);
        }
        return others;
    }

    /// <summary>The customer accounts of <paramref name="boundaries"/> (policy ARNs; AWS-managed ones name none), each once.</summary>
    public static IReadOnlyList<string> AccountsOf(IEnumerable<string> boundaries) =>
        boundaries.Select(arn => PolicyArn.TryParse(arn.Trim(), out var parsed, out _) && !parsed!.IsAwsManaged ? parsed.Account : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
