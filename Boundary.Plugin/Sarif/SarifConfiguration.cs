namespace Boundary.Sarif;

/// <summary>A rule's default level.</summary>
public sealed record SarifConfiguration(string Level);
