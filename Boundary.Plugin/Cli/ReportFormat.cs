namespace Boundary.Cli;

/// <summary>
/// The documents verify and audit can write (--format). The option itself is a string, parsed here: McMaster
/// parses an optional enum option through a generic method made at run time, which the native build lacks.
/// </summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
}
