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
