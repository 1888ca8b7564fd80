using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>One row of ListStackResources: a resource of a stack as deployed.</summary>
/// <param name="PhysicalResourceId">A role's name for <c>AWS::IAM::Role</c>; the nested stack's ARN for <c>AWS::CloudFormation::Stack</c>. Empty while a create is pending or after it failed.</param>
public sealed record StackResourceSummary(string LogicalResourceId, string? PhysicalResourceId, string ResourceType, string? ResourceStatus)
{
    public const string RoleType = "AWS::IAM::Role";
    public const string StackType = "AWS::CloudFormation::Stack";

    public static StackResourceSummary Read(XElement member) => new(
        member.RequiredText("LogicalResourceId"),
        member.Text("PhysicalResourceId") is { Length: > 0 } id ? id : null,
        member.RequiredText("ResourceType"),
        member.Text("ResourceStatus"));
}

/// <summary>One row of ListStacks: a stack with its description and, for a nested stack, its parent.</summary>
public sealed record StackSummary(string StackName, string StackId, string? TemplateDescription, string? StackStatus, string? ParentId)
{
    public bool IsNested => ParentId is not null;

    public static StackSummary Read(XElement member) => new(
        member.RequiredText("StackName"),
        member.RequiredText("StackId"),
        member.Text("TemplateDescription"),
        member.Text("StackStatus"),
        member.Text("ParentId") is { Length: > 0 } parent ? parent : null);
}

/// <summary>One page of an answer, with the token that asks for the next one (null on the last page).</summary>
public sealed record AwsPage<T>(IReadOnlyList<T> Items, string? Next);

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

/// <summary>The CloudFormation calls this tool makes (query protocol, version 2010-05-15).</summary>
public interface ICloudFormationClient
{
    Task<AwsPage<StackResourceSummary>> ListStackResourcesAsync(string stackNameOrId, string? nextToken = null, CancellationToken cancellationToken = default);

    Task<AwsPage<StackSummary>> ListStacksAsync(string? nextToken = null, CancellationToken cancellationToken = default);
}

public sealed class CloudFormationClient(AwsQueryClient client) : ICloudFormationClient
{
    public AwsQueryClient Query { get; } = client;

    public Task<AwsPage<StackResourceSummary>> ListStackResourcesAsync(string stackNameOrId, string? nextToken = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(CloudFormationOperations.ListStackResources(stackNameOrId, nextToken), cancellationToken);

    public Task<AwsPage<StackSummary>> ListStacksAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        Query.InvokeAsync(CloudFormationOperations.ListStacks(nextToken), cancellationToken);
}
