using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>A text (and optionally markdown) message.</summary>
public sealed record SarifMessage(string Text, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Markdown = null);
