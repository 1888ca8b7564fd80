namespace Boundary.Organizations;

/// <summary>What a policy statement says about role permissions boundaries.</summary>
public enum BoundaryRuleKind
{
    /// <summary>Denies unless the boundary is one of the accepted ARNs (StringNotEquals, ArnNotLike, ... on iam:PermissionsBoundary).</summary>
    RequiresArn,

    /// <summary>Denies when there is no boundary at all (<c>"Null": {"iam:PermissionsBoundary": "true"}</c>).</summary>
    RequiresAnyBoundary,

    /// <summary>Denies removing or replacing roles' boundaries (iam:DeleteRolePermissionsBoundary, ...).</summary>
    ProtectsBoundary,

    /// <summary>Denies changing or deleting the boundary policy itself.</summary>
    ProtectsPolicy,

    /// <summary>Concerns boundaries, but uses an operator, key or variable this tool does not model: never guessed.</summary>
    Undecidable,
}
