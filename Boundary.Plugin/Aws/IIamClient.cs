namespace Boundary.Aws;

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
