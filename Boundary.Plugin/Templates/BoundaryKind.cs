namespace Boundary.Templates;

/// <summary>What a resource's <c>Properties.PermissionsBoundary</c> holds.</summary>
public enum BoundaryKind
{
    /// <summary>No PermissionsBoundary property.</summary>
    None,

    /// <summary>A plain string: an ARN written by a person or by this tool.</summary>
    Literal,

    /// <summary>An intrinsic function (<c>Fn::If</c>, <c>!Ref</c>, <c>!Sub</c>, ...) or another non-string value.</summary>
    Intrinsic,
}
