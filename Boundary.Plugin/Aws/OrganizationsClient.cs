using System.Text.Json;

namespace Boundary.Aws;

/// <summary>The organisation's root (ListRoots).</summary>
public sealed record OrganizationRoot(string Id, string Arn, string Name);

/// <summary>A parent of an account or OU (ListParents): <c>ROOT</c> or <c>ORGANIZATIONAL_UNIT</c>.</summary>
public sealed record OrganizationParent(string Id, string Type)
{
    public bool IsRoot => Type == "ROOT";
}

/// <summary>A policy attached to a target (ListPoliciesForTarget).</summary>
public sealed record OrganizationPolicySummary(string Id, string Arn, string Name, string? Type, bool AwsManaged);

/// <summary>A policy with its text (DescribePolicy).</summary>
public sealed record OrganizationPolicy(OrganizationPolicySummary Summary, string Content);

/// <summary>A member account (ListAccounts); <see cref="Status"/> is ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
public sealed record OrganizationAccount(string Id, string Arn, string Name, string? Email, string? Status)
{
    public bool IsActive => Status is null or "ACTIVE";
}

/// <summary>The organisation itself (DescribeOrganization): its id is what <c>${aws:PrincipalOrgID}</c> stands for.</summary>
public sealed record OrganizationInfo(string Id, string Arn, string ManagementAccountId);

/// <summary>Organizations' operations as data (JSON 1.1, target prefix AWSOrganizationsV20161128).</summary>
public static class OrganizationsOperations
{
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";

    public static AwsJsonOperation<AwsPage<OrganizationRoot>> ListRoots(string? nextToken = null) =>
        new("ListRoots", new JsonRequest().Add("NextToken", nextToken),
            r => new AwsPage<OrganizationRoot>(r.Array("Roots").Select(e => new OrganizationRoot(e.RequiredString("Id"), e.RequiredString("Arn"), e.String("Name") ?? "Root")).ToList(), r.NextToken()));

    public static AwsJsonOperation<AwsPage<OrganizationParent>> ListParents(string childId, string? nextToken = null) =>
        new("ListParents", new JsonRequest().Add("ChildId", childId).Add("NextToken", nextToken),
            r => new AwsPage<OrganizationParent>(r.Array("Parents").Select(e => new OrganizationParent(e.RequiredString("Id"), e.RequiredString("Type"))).ToList(), r.NextToken()));

    public static AwsJsonOperation<AwsPage<OrganizationPolicySummary>> ListPoliciesForTarget(string targetId, string filter = ServiceControlPolicy, string? nextToken = null) =>
        new("ListPoliciesForTarget", new JsonRequest().Add("TargetId", targetId).Add("Filter", filter).Add("NextToken", nextToken),
            r => new AwsPage<OrganizationPolicySummary>(r.Array("Policies").Select(ReadSummary).ToList(), r.NextToken()));

    public static AwsJsonOperation<OrganizationPolicy> DescribePolicy(string policyId) =>
        new("DescribePolicy", new JsonRequest().Add("PolicyId", policyId), r =>
        {
            var policy = r.RequiredObject("Policy");
            return new OrganizationPolicy(ReadSummary(policy.RequiredObject("PolicySummary")), policy.RequiredString("Content"));
        });

    public static AwsJsonOperation<AwsPage<OrganizationAccount>> ListAccounts(string? nextToken = null) =>
        new("ListAccounts", new JsonRequest().Add("NextToken", nextToken),
            r => new AwsPage<OrganizationAccount>(r.Array("Accounts").Select(e => new OrganizationAccount(
                e.RequiredString("Id"), e.RequiredString("Arn"), e.String("Name") ?? "", e.String("Email"), e.String("Status") ?? e.String("State"))).ToList(), r.NextToken()));

    public static AwsJsonOperation<OrganizationInfo> DescribeOrganization() =>
        new("DescribeOrganization", new JsonRequest(), r =>
        {
            var organization = r.RequiredObject("Organization");
            return new OrganizationInfo(organization.RequiredString("Id"), organization.RequiredString("Arn"),
                organization.String("MasterAccountId") ?? organization.String("ManagementAccountId") ?? "");
        });

    private static OrganizationPolicySummary ReadSummary(JsonElement e) =>
        new(e.RequiredString("Id"), e.RequiredString("Arn"), e.String("Name") ?? e.RequiredString("Id"), e.String("Type"), e.Bool("AwsManaged") ?? false);
}

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
