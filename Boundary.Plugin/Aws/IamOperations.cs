using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>
/// IAM's operations as data: each is an action, its parameters and a result reader. Adding one (ListRoles,
/// PutRolePermissionsBoundary, ...) is a method here and a line in <see cref="IamClient"/>.
/// </summary>
public static class IamOperations
{
    public static AwsQueryOperation<IamPolicy> GetPolicy(string policyArn) =>
        new("GetPolicy", new QueryParameters().Add("PolicyArn", policyArn), r => IamPolicy.Read(Required(r, "Policy")));

    public static AwsQueryOperation<IamRole> GetRole(string roleName) =>
        new("GetRole", new QueryParameters().Add("RoleName", roleName), r => IamRole.Read(Required(r, "Role")));

    public static AwsQueryOperation<IamPolicy> CreatePolicy(string name, string document, string? path = null, string? description = null) =>
        new("CreatePolicy",
            new QueryParameters().Add("PolicyName", name).Add("PolicyDocument", document).Add("Path", path).Add("Description", description),
            r => IamPolicy.Read(Required(r, "Policy")));

    /// <summary>
    /// GetAccountAuthorizationDetails with <c>Filter.member.1=Role</c>: every role of the account with its
    /// boundary, up to <paramref name="maxItems"/> (IAM allows 1000) a page, <c>Marker</c> for the rest.
    /// </summary>
    public static AwsQueryOperation<AwsPage<IamRole>> GetAccountAuthorizationDetailsRoles(string? marker = null, int? maxItems = null) =>
        new("GetAccountAuthorizationDetails",
            new QueryParameters().AddList("Filter", ["Role"]).Add("MaxItems", maxItems).Add("Marker", marker),
            r => new AwsPage<IamRole>(
                r.Members("RoleDetailList").Select(IamRole.Read).ToList(),
                r.Bool("IsTruncated") == true && r.Text("Marker") is { Length: > 0 } next ? next : null));

    public static AwsQueryOperation<bool> PutRolePermissionsBoundary(string roleName, string policyArn) =>
        new("PutRolePermissionsBoundary", new QueryParameters().Add("RoleName", roleName).Add("PermissionsBoundary", policyArn), _ => true);

    internal static XElement Required(XElement result, string name) =>
        result.Child(name) ?? throw new AwsServiceException("iam", result.Name.LocalName, AwsErrorCodes.BadResponse, $"the answer has no <{name}>");
}
