
namespace Boundary.Audit;

/// <summary>What audit found for one deployed role.</summary>
public enum RoleStatus
{
    /// <summary>The role carries the expected boundary.</summary>
    Ok,

    /// <summary>The role has no boundary.</summary>
    Missing,

    /// <summary>The role has another boundary than the expected one.</summary>
    Different,

    /// <summary>A stack or team-provider-info names the role, and IAM has no role of that name.</summary>
    NotFound,

    /// <summary>An AWS service-linked role (path /aws-service-role/): it cannot carry a boundary and is never changed.</summary>
    ServiceLinked,
}
