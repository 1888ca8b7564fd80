using System.Text.Json.Serialization;

namespace Boundary.Cli;

/// <summary>One role or user in a rewritten template; <see cref="Note"/> says why when the action needs it (a stale boundary of another env).</summary>
public sealed record RewrittenPrincipal(
    string LogicalId,
    string Type,
    int Line,
    int Column,
    string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);
