namespace Boundary.Aws;

public sealed class OrganizationsClient(AwsJsonClient client) : IOrganizationsClient
{
    public AwsJsonClient Json { get; } = client;

    public Task<OrganizationInfo> DescribeOrganizationAsync(CancellationToken cancellationToken = default) =>
        Json.InvokeAsync(OrganizationsOperations.DescribeOrganization(), cancellationToken);

    public Task<IReadOnlyList<OrganizationRoot>> ListRootsAsync(CancellationToken cancellationToken = default) =>
        AllAsync(token => OrganizationsOperations.ListRoots(token), cancellationToken);

    public Task<IReadOnlyList<OrganizationParent>> ListParentsAsync(string childId, CancellationToken cancellationToken = default) =>
        AllAsync(token => OrganizationsOperations.ListParents(childId, token), cancellationToken);

    public Task<IReadOnlyList<OrganizationPolicySummary>> ListPoliciesForTargetAsync(string targetId, CancellationToken cancellationToken = default) =>
        AllAsync(token => OrganizationsOperations.ListPoliciesForTarget(targetId, OrganizationsOperations.ServiceControlPolicy, token), cancellationToken);

    public Task<OrganizationPolicy> DescribePolicyAsync(string policyId, CancellationToken cancellationToken = default) =>
        Json.InvokeAsync(OrganizationsOperations.DescribePolicy(policyId), cancellationToken);

    public Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        AllAsync(token => OrganizationsOperations.ListAccounts(token), cancellationToken);

    private async Task<IReadOnlyList<T>> AllAsync<T>(Func<string?, AwsJsonOperation<AwsPage<T>>> page, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var answer = await Json.InvokeAsync(page(token), cancellationToken).ConfigureAwait(false);
            items.AddRange(answer.Items);
            token = answer.Next;
            // A service that hands the same token back would loop for ever.
            if (token is not null && !seen.Add(token))
                throw new AwsServiceException(Json.Endpoint.Service.SigningName, page(null).Operation, AwsErrorCodes.BadResponse, "the service returned the same NextToken twice");
        }
        while (token is not null);
        return items;
    }
}
