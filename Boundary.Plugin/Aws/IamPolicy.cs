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
