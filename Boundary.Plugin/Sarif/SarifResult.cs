namespace Boundary.Sarif;

/// <summary>One finding: its rule, level, message, where, and a fingerprint that survives edits.</summary>
public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    IReadOnlyDictionary<string, object?> Properties);
