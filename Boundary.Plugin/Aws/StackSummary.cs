using System.Xml.Linq;

namespace Boundary.Aws;

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
