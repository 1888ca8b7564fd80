using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>A file and, when known, the region in it.</summary>
public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SarifRegion? Region = null);
