namespace Boundary.Cli;

/// <summary>The --json document of a command that failed.</summary>
public sealed record ErrorDocument(bool Ok, string Error, int ExitCode);
