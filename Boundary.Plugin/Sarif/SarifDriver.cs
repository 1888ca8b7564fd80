using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>The tool's name, version and the rules its results refer to.</summary>
public sealed record SarifDriver(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FullName,
    string Version,
    string SemanticVersion,
    string InformationUri,
    IReadOnlyList<SarifRule> Rules);
