
namespace Boundary.Inject;

/// <summary>The options of one <c>inject</c> run.</summary>
public sealed record InjectRequest(IReadOnlyList<string> Paths, string Arn, bool IncludeUsers = false, bool DryRun = false);
