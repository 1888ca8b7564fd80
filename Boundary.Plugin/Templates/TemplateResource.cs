
namespace Boundary.Templates;

/// <summary>An IAM principal resource (role, user, service-linked role) found in a template.</summary>
public sealed record TemplateResource(
    string LogicalId,
    string Type,
    int Offset,
    int Line,
    int Column,
    BoundaryKind Boundary,
    string? BoundaryValue,
    bool HasProperties)
{
    public const string Role = "AWS::IAM::Role";
    public const string User = "AWS::IAM::User";
    public const string ServiceLinkedRole = "AWS::IAM::ServiceLinkedRole";
}
