using Boundary.Aws;

namespace Boundary.Organizations;

/// <summary>One step of the walk from an account to the root: the target and the SCPs attached to it.</summary>
/// <param name="Type">ACCOUNT, ORGANIZATIONAL_UNIT or ROOT.</param>
public sealed record OrganizationLevel(string Id, string Type, IReadOnlyList<OrganizationPolicySummary> Policies);
