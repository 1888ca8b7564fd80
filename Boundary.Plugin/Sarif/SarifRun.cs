using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>One run of one tool: its rules, its invocation and its results.</summary>
public sealed record SarifRun(
    SarifTool Tool,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, SarifUriBase>? OriginalUriBaseIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SarifAutomationDetails? AutomationDetails,
    IReadOnlyList<SarifInvocation> Invocations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ColumnKind,
    IReadOnlyList<SarifResult> Results,
    IReadOnlyDictionary<string, object?> Properties);
