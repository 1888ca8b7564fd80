using Boundary.Json;

namespace Boundary.Amplify;

/// <summary>
/// The boundaries of a project's other envs, by ARN. The host writes the current env's ARN into some
/// generated stacks (auth triggers, GraphQL) and never updates it, so a literal equal to another env's
/// boundary is stale, not a person's choice.
/// </summary>
public static class OtherEnvBoundaries
{
    /// <summary>ARN to env name for every env but <paramref name="env"/> whose valid boundary differs from <paramref name="current"/>.</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonFile teamProviderInfo, string? env, string? current)
    {
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in AmplifyProject.EnvNames(teamProviderInfo))
        {
            if (name == env || BoundarySettings.Read(teamProviderInfo, name) is not { } arn || arn == current)
                continue;
            if (PolicyArn.TryParse(arn, out _, out _))
                others.TryAdd(arn, name);
        }
        return others;
    }
}
