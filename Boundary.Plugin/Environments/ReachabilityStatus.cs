
namespace Boundary.Environments;

public enum ReachabilityStatus
{
    /// <summary>IAM answered GetPolicy in the env's account, or the policy is AWS-managed.</summary>
    Reachable,

    /// <summary>Another account or partition, or NoSuchEntity.</summary>
    NotReachable,

    /// <summary>No answer (no credentials, AccessDenied, no network): the host then assumes reachable.</summary>
    Unknown,
}
