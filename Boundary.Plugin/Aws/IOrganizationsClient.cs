namespace Boundary.Aws;

/// <summary>The Organizations calls this tool makes; the <c>All</c> methods follow every page.</summary>
public interface IOrganizationsClient
{
    Task<OrganizationInfo> DescribeOrganizationAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationRoot>> ListRootsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationParent>> ListParentsAsync(string childId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationPolicySummary>> ListPoliciesForTargetAsync(string targetId, CancellationToken cancellationToken = default);

    Task<OrganizationPolicy> DescribePolicyAsync(string policyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken = default);
}
