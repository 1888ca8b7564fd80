namespace Boundary.Verify;

/// <summary>verify --format json (shape version 1).</summary>
public sealed record VerifyDocument(
    int Version,
    bool Ok,
    int ExitCode,
    string Expected,
    string? Env,
    string Root,
    bool Strict,
    bool IncludeUsers,
    VerifyCounts Summary,
    IReadOnlyList<VerifiedPrincipal> Principals,
    IReadOnlyList<VerifyFileError> FileErrors);
