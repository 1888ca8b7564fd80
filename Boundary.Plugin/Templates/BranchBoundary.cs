namespace Boundary.Templates;

/// <summary>
/// One place a boundary sits: the Properties object itself, or one object branch of an
/// <c>Fn::If</c> written at the Properties level. Empty values (<c>""</c>, null) count as none.
/// </summary>
public sealed record BranchBoundary(BoundaryKind Kind, string? Value, int Line, int Column);
