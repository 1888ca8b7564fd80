using System.Text.Json;

namespace Boundary.Aws;

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
