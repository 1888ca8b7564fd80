
namespace Boundary.Core;

/// <summary>
/// A failure the user can act on: its message says what went wrong and what to do, and it carries the
/// exit code the command ends with. Anything else escaping a command is a bug.
/// </summary>
public class BoundaryException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static BoundaryException Usage(string message) => new(ExitCodes.Usage, message);

    public static BoundaryException File(string message, Exception? inner = null) => new(ExitCodes.ProjectOrFile, message, inner);

    public static BoundaryException Aws(string message, Exception? inner = null) => new(ExitCodes.Aws, message, inner);
}
