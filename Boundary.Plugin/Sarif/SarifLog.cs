using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>A SARIF 2.1.0 log: what verify and audit write with --format sarif.</summary>
public sealed record SarifLog(IReadOnlyList<SarifRun> Runs)
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaUri;

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = "2.1.0";
}
