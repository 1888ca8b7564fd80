namespace Boundary.Verify;

/// <summary>A file verify could not parse.</summary>
public sealed record VerifyFileError(string File, string Message);
