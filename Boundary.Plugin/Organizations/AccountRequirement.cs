namespace Boundary.Organizations;

/// <summary>The SCP walk for one account: the organisation, each level from the account up to the root, and what they require.</summary>
public sealed record AccountRequirement(string Account, string? OrganizationId, IReadOnlyList<OrganizationLevel> Levels, BoundaryRequirement Requirement);
