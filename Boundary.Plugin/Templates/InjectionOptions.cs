using Boundary.Text;

namespace Boundary.Templates;

/// <param name="StaleBoundaries">The boundaries of the project's other envs (ARN to env name): a literal equal to one was generated while that env was current and is replaced.</param>
public sealed record InjectionOptions(bool IncludeUsers = false, IReadOnlyDictionary<string, string>? StaleBoundaries = null)
{
    /// <summary>The other env whose boundary <paramref name="resource"/> holds, or null.</summary>
    public string? StaleFrom(TemplateResource resource, string arn) =>
        resource.Boundary == BoundaryKind.Literal ? StaleEnvOf(resource.BoundaryValue, arn) : null;

    /// <summary>The other env whose boundary <paramref name="value"/> is (not <paramref name="arn"/>), or null.</summary>
    public string? StaleEnvOf(string? value, string arn) =>
        value is not null && value != arn && StaleBoundaries is not null && StaleBoundaries.TryGetValue(value, out var env) ? env : null;
}
