using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>A kind of finding (SARIF's reportingDescriptor).</summary>
public sealed record SarifRule(
    string Id,
    string Name,
    SarifMessage ShortDescription,
    SarifMessage FullDescription,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SarifMessage? Help,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HelpUri,
    SarifConfiguration DefaultConfiguration,
    IReadOnlyDictionary<string, object?> Properties);
