namespace Boundary.Aws;

/// <summary>A parent of an account or OU (ListParents): <c>ROOT</c> or <c>ORGANIZATIONAL_UNIT</c>.</summary>
public sealed record OrganizationParent(string Id, string Type)
{
    public bool IsRoot => Type == "ROOT";
}
