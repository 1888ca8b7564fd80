namespace Boundary.Sarif;

/// <summary>Names the kind of run, so viewers tell runs of different tools apart.</summary>
public sealed record SarifAutomationDetails(string Id);
