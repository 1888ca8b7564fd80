namespace Boundary.Aws;

public static class CloudFormationOperations
{
    /// <summary>ListStackResources: up to 100 resources a page (AWS's own page size), <c>NextToken</c> for the rest.</summary>
    public static AwsQueryOperation<AwsPage<StackResourceSummary>> ListStackResources(string stackNameOrId, string? nextToken = null) =>
        new("ListStackResources",
            new QueryParameters().Add("StackName", stackNameOrId).Add("NextToken", nextToken),
            r => new AwsPage<StackResourceSummary>(
                r.Members("StackResourceSummaries").Select(StackResourceSummary.Read).ToList(),
                r.Text("NextToken") is { Length: > 0 } next ? next : null));
}
