using Boundary.Templates;

namespace Boundary.Verify;

/// <summary>What verify found: every covered principal, and the files that could not be parsed.</summary>
public sealed record VerifyReport(
    string Root,
    string Expected,
    string? Env,
    VerifyOptions Options,
    int FilesScanned,
    int Templates,
    VerifyResults Principals,
    IReadOnlyList<TemplateError> Errors)
{
    public IEnumerable<VerifyResult> Findings => Principals.Where(p => p.Level is not null);

    public int ErrorCount => Principals.ErrorCount;

    public int WarningCount => Principals.WarningCount;

    public int Count(VerifyStatus status) => Principals.CountOf(status);

    /// <summary>A path relative to <see cref="Root"/>, with forward slashes (SARIF, messages).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
