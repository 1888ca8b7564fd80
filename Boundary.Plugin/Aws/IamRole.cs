using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>
/// An IAM role; <see cref="PermissionsBoundaryArn"/> comes from GetRole and GetAccountAuthorizationDetails
/// (ListRoles leaves it out).
/// </summary>
public sealed record IamRole(string Arn, string Name, string Path, string? RoleId, string? PermissionsBoundaryArn, string? AssumeRolePolicyDocument)
{
    public static IamRole Read(XElement role) => new(
        role.RequiredText("Arn"),
        role.RequiredText("RoleName"),
        role.Text("Path") ?? "/",
        role.Text("RoleId"),
        role.Child("PermissionsBoundary")?.Text("PermissionsBoundaryArn"),
        role.Text("AssumeRolePolicyDocument") is { } doc ? Uri.UnescapeDataString(doc) : null);

    /// <summary>AWS's own roles (path <c>/aws-service-role/</c>): they cannot carry a boundary and must not be changed.</summary>
    public bool IsServiceLinked => Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);
}
