namespace Boundary.Sarif;

/// <summary>The tool that made a run.</summary>
public sealed record SarifTool(SarifDriver Driver);
