using Boundary.Text;

namespace Boundary.Push;

/// <summary>A boundary this run added: the resource's logical id and the value.</summary>
public sealed record AddedBoundary(string LogicalId, string Value);
