namespace Boundary.Cli;

/// <summary>One template in the pre-push and inject documents.</summary>
public sealed record RewrittenFile(string Path, bool Changed, int Injected, int Kept, int Updated, int Removed, int Skipped, IReadOnlyList<RewrittenPrincipal> Principals, string? Diff);
