using System.Text.Json.Serialization;
using Boundary.Audit;
using Boundary.Sarif;
using Boundary.Verify;

namespace Boundary.Cli;

/// <summary>
/// Every document the tool writes, serialised by code the compiler generates: no reflection, nothing for
/// the trimmer to keep (see docs/development-json.md). A shape missing here fails its snapshot test.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(GetDocument))]
[JsonSerializable(typeof(ListDocument))]
[JsonSerializable(typeof(ChangeDocument))]
[JsonSerializable(typeof(EnvAddDocument))]
[JsonSerializable(typeof(HookInstallDocument))]
[JsonSerializable(typeof(HookUninstallDocument))]
[JsonSerializable(typeof(HookStatusDocument))]
[JsonSerializable(typeof(RewriteDocument))]
[JsonSerializable(typeof(RestoreRunDocument))]
[JsonSerializable(typeof(DiscardDocument))]
[JsonSerializable(typeof(VerifyDocument))]
[JsonSerializable(typeof(VerifyReportWrittenDocument))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(SarifLog))]
// The values SARIF property bags hold.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]))]
public sealed partial class OutputJsonContext : JsonSerializerContext;
