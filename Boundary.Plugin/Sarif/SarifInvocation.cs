using System.Text.Json.Serialization;

namespace Boundary.Sarif;

/// <summary>How the run went: whether it succeeded, its exit code, and notes about the run itself.</summary>
public sealed record SarifInvocation(bool ExecutionSuccessful, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExitCode, IReadOnlyList<SarifNotification> ToolExecutionNotifications);
