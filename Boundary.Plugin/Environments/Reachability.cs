
namespace Boundary.Environments;

/// <summary>
/// Whether a boundary can bound roles created with some credentials, and why. <see cref="Suggestion"/> is a
/// policy with the same path and name in the credentials' own account, when one exists.
/// </summary>
public sealed record Reachability(
    ReachabilityStatus Status,
    string Reason,
    string? Account = null,
    string? Partition = null,
    string? Suggestion = null,
    string? ErrorCode = null,
    bool CrossAccount = false);
