using System.Text.Json.Serialization;

namespace Boundary.Push;

/// <summary>The ownership file's document.</summary>
public sealed record OwnershipDocument(
    [property: JsonPropertyOrder(1)] IReadOnlyList<OwnedBoundary> Owned,
    [property: JsonPropertyOrder(0)] string? Comment = null);
