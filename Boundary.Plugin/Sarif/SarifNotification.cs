using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>Something about the run rather than a finding (a file that could not be read, an env skipped).</summary>
public sealed record SarifNotification(string Level, SarifMessage Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SarifLocation>? Locations = null);
