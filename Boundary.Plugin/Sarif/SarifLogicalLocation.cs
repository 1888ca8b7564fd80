using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>A named place that is not a file position (a resource, a stack).</summary>
public sealed record SarifLogicalLocation(string Name, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FullyQualifiedName, string Kind);
