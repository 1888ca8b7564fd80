using Boundary.Text;

namespace Boundary.Push;

/// <summary>A boundary value this run replaced (persist mode): the resource, the old and the new value.</summary>
public sealed record ReplacedBoundary(string LogicalId, string OldValue, string NewValue);
