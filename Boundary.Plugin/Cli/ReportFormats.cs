using Boundary.Core;

namespace Boundary.Cli;

/// <summary>How verify and audit read --format (and --json, which means --format json).</summary>
public static class ReportFormats
{
    public const string OptionTemplate = "--format <FORMAT>";

    /// <summary>The format asked for: <paramref name="value"/> (any case), else json with --json, else text; --json with another format is a usage error.</summary>
    public static ReportFormat Parse(string? value, bool json)
    {
        var format = value?.ToLowerInvariant() switch
        {
            null => json ? ReportFormat.Json : ReportFormat.Text,
            "text" => ReportFormat.Text,
            "json" => ReportFormat.Json,
            "sarif" => ReportFormat.Sarif,
            _ => throw BoundaryException.Usage($"--format '{value}' is not one of text, json, sarif."),
        };
        return json && format != ReportFormat.Json
            ? throw BoundaryException.Usage($"--json and --format {format.Name()} exclude each other.")
            : format;
    }

    /// <summary>The format as the option spells it.</summary>
    public static string Name(this ReportFormat format) => format.ToString().ToLowerInvariant();
}
