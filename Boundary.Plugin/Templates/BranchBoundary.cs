namespace Boundary.Templates;

/// <summary>
/// One place a boundary sits: the Properties object itself, or one object branch of an
/// <c>Fn::If</c> written at the Properties level. Empty values (<c>""</c>, null) count as none.
/// </summary>
public sealed record BranchBoundary(BoundaryKind Kind, string? Value, int Line, int Column)
{
    /// <summary>
    /// The branch is <c>AWS::NoValue</c>: the resource has no Properties at all there. Listed only for a
    /// user, which can be created so, without a boundary (a role or a SAM resource cannot be created
    /// without Properties).
    /// </summary>
    public bool IsNoValue { get; init; }

    /// <summary>For an intrinsic boundary, the strings it may give under some conditions (see <see cref="ConstantIntrinsic.Read"/>).</summary>
    public IReadOnlyList<string>? Choices { get; init; }
}
