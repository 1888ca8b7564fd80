
namespace Boundary.Verify;

/// <param name="StaleBoundaries">The boundaries of the project's other envs (ARN to env name), which are errors wherever a template holds them.</param>
public sealed record VerifyOptions(bool Strict = false, bool IncludeUsers = false, IReadOnlyDictionary<string, string>? StaleBoundaries = null);
