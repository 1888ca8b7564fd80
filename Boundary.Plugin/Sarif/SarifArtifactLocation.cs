namespace Boundary.Sarif;

/// <summary>A file, relative to a named base folder.</summary>
public sealed record SarifArtifactLocation(string Uri, string UriBaseId);
