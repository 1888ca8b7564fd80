namespace Boundary.Aws;

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
