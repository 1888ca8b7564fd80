namespace Boundary.Cli;

/// <summary>The documents verify and audit can write (--format); McMaster parses the value ignoring case.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
}
