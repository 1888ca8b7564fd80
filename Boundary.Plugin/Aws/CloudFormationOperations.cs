using System.Xml.Linq;

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

    /// <summary>Every status of a stack that exists (not deleted), for ListStacks' StackStatusFilter.</summary>
    public static readonly IReadOnlyList<string> LiveStatuses =
    [
        "CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
        "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
        "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
        "UPDATE_ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS", "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_IN_PROGRESS",
        "IMPORT_ROLLBACK_FAILED", "IMPORT_ROLLBACK_COMPLETE",
    ];

    /// <summary>ListStacks: the region's stacks that exist, <c>NextToken</c> for the rest.</summary>
    public static AwsQueryOperation<AwsPage<StackSummary>> ListStacks(string? nextToken = null) =>
        new("ListStacks",
            new QueryParameters().AddList("StackStatusFilter", LiveStatuses).Add("NextToken", nextToken),
            r => new AwsPage<StackSummary>(
                r.Members("StackSummaries").Select(StackSummary.Read).ToList(),
                r.Text("NextToken") is { Length: > 0 } next ? next : null));
}
