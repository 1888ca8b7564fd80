namespace Boundary.Aws;

public sealed class CloudFormationClient(AwsQueryClient client) : ICloudFormationClient
{
    public AwsQueryClient Query { get; } = client;

    public Task<AwsPage<StackResourceSummary>> ListStackResourcesAsync(string stackNameOrId, string? nextToken = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(CloudFormationOperations.ListStackResources(stackNameOrId, nextToken), cancellationToken);

    public Task<AwsPage<StackSummary>> ListStacksAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(CloudFormationOperations.ListStacks(nextToken), cancellationToken);
}
