using System.Text.Json.Serialization;

namespace Boundary.Organizations;

/// <summary>The JSON this feature writes: source-generated (no reflection, native-AOT clean), camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RequirementsDocument))]
public sealed partial class OrganizationsJsonContext : JsonSerializerContext;
