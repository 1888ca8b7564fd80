using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>Where a result is: a file (and region) and, optionally, named logical places.</summary>
public sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SarifLogicalLocation>? LogicalLocations = null);
