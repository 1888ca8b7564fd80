using Boundary.Audit;

namespace Boundary.Organizations;

/// <summary>What <c>audit --organization</c> knows of an account besides its audit: its name, where its expectation came from, and how --fix may change it.</summary>
public sealed record OrganizationAccountContext(string Name, string ExpectedSource, string? FixArn, RoleAuditor? Auditor);
