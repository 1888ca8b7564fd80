namespace Boundary.Sarif;

/// <summary>What a base folder id (%SRCROOT%) stands for.</summary>
public sealed record SarifUriBase(SarifMessage Description);
