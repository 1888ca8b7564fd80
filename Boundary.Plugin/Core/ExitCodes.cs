namespace Boundary.Core;

/// <summary>The process exit codes: a contract for scripts, documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>verify or audit found roles without the expected boundary.</summary>
    public const int Findings = 1;

    /// <summary>Bad arguments or a value that fails validation (an ARN, an env name).</summary>
    public const int Usage = 2;

    /// <summary>No project, a missing, malformed, read-only or locked file.</summary>
    public const int ProjectOrFile = 3;

    /// <summary>AWS could not be reached or refused a call.</summary>
    public const int Aws = 4;

    /// <summary>Something unforeseen: a bug, reported by the last-resort handler with "please report this".</summary>
    public const int Internal = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
