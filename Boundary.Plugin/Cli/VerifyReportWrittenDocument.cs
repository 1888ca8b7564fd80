using Boundary.Verify;

namespace Boundary.Cli;

/// <summary>verify --json --output FILE: the report went to <paramref name="Report"/>; stdout gets this, its outcome.</summary>
public sealed record VerifyReportWrittenDocument(bool Ok, int ExitCode, string Report, VerifyCounts Summary);
