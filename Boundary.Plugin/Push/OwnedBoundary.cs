namespace Boundary.Push;

/// <summary>A boundary value this tool wrote and kept (persist mode): which file, which resource, which value.</summary>
public sealed record OwnedBoundary(string File, string LogicalId, string Value);
