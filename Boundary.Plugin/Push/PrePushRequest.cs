
namespace Boundary.Push;

/// <summary>The options of one <c>hook pre-push</c> run; flags add to amplify/boundary-settings.json.</summary>
public sealed record PrePushRequest(string? Env = null, bool Persist = false, bool IncludeUsers = false, bool DryRun = false);
