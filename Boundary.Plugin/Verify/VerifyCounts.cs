namespace Boundary.Verify;

/// <summary>The counts of a verify run.</summary>
public sealed record VerifyCounts(int FilesScanned, int Templates, int Principals, int Bounded, int Kept, int Differs, int OtherAccount, int Invalid, int Stale, int Missing, int Errors, int Warnings, int FileErrors);
