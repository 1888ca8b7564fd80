using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>A customer- or AWS-managed policy as IAM describes it.</summary>
public sealed record IamPolicy(string Arn, string Name, string Path, string? PolicyId, string? DefaultVersionId, int? AttachmentCount, int? PermissionsBoundaryUsageCount, bool? IsAttachable)
{
    public static IamPolicy Read(XElement policy) => new(
        policy.RequiredText("Arn"),
        policy.RequiredText("PolicyName"),
        policy.Text("Path") ?? "/",
        policy.Text("PolicyId"),
        policy.Text("DefaultVersionId"),
        policy.Int("AttachmentCount"),
        policy.Int("PermissionsBoundaryUsageCount"),
        policy.Bool("IsAttachable"));
}

/// <summary>
/// An IAM role; <see cref="PermissionsBoundaryArn"/> comes from GetRole and GetAccountAuthorizationDetails
/// (ListRoles leaves it out).
/// </summary>
public sealed record IamRole(string Arn, string Name, string Path, string? RoleId, string? PermissionsBoundaryArn, string? AssumeRolePolicyDocument)
{
    public static IamRole Read(XElement role) => new(
        role.RequiredText("Arn"),
        role.RequiredText("RoleName"),
        role.Text("Path") ?? "/",
        role.Text("RoleId"),
        role.Child("PermissionsBoundary")?.Text("PermissionsBoundaryArn"),
        role.Text("AssumeRolePolicyDocument") is { } doc ? Uri.UnescapeDataString(doc) : null);

    /// <summary>AWS's own roles (path <c>/aws-service-role/</c>): they cannot carry a boundary and must not be changed.</summary>
    public bool IsServiceLinked => Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);
}

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

/// <summary>The IAM calls this tool makes. Errors are <see cref="AwsServiceException"/>s with IAM's code.</summary>
public interface IIamClient
{
    Task<IamPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken = default);

    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken = default);

    Task<IamPolicy> CreatePolicyAsync(string name, string document, string? path = null, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>One page of the account's roles with their boundaries (GetAccountAuthorizationDetails, Filter=Role).</summary>
    Task<AwsPage<IamRole>> GetAccountAuthorizationDetailsRolesAsync(string? marker = null, int? maxItems = null, CancellationToken cancellationToken = default);

    Task PutRolePermissionsBoundaryAsync(string roleName, string policyArn, CancellationToken cancellationToken = default);
}

public sealed class IamClient(AwsQueryClient client) : IIamClient
{
    public AwsQueryClient Query { get; } = client;

    public Task<IamPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(IamOperations.GetPolicy(policyArn), cancellationToken);

    public Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(IamOperations.GetRole(roleName), cancellationToken);

    public Task<IamPolicy> CreatePolicyAsync(string name, string document, string? path = null, string? description = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(IamOperations.CreatePolicy(name, document, path, description), cancellationToken);

    public Task<AwsPage<IamRole>> GetAccountAuthorizationDetailsRolesAsync(string? marker = null, int? maxItems = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(IamOperations.GetAccountAuthorizationDetailsRoles(marker, maxItems), cancellationToken);

    public Task PutRolePermissionsBoundaryAsync(string roleName, string policyArn, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(IamOperations.PutRolePermissionsBoundary(roleName, policyArn), cancellationToken);
}
