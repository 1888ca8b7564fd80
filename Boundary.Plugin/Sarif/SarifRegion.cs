namespace Boundary.Sarif;

/// <summary>A line and column (1-based).</summary>
public sealed record SarifRegion(int StartLine, int StartColumn);
