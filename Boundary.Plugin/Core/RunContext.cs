namespace Boundary.Core;

/// <summary>
/// What a run gets from the process around it: the working folder, the environment variables and
/// whether anyone can answer a prompt. Tests pass their own.
/// </summary>
public sealed class RunContext
{
    public required string WorkingDirectory { get; init; }

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>True when stdin is a terminal: prompts are possible.</summary>
    public required bool StdinIsTerminal { get; init; }

    /// <summary>True when stdout is a terminal: progress displays are worth drawing.</summary>
    public bool StdoutIsTerminal { get; init; }

    public static RunContext FromProcess() => new()
    {
        WorkingDirectory = CurrentDirectory(),
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        StdinIsTerminal = !Console.IsInputRedirected,
        StdoutIsTerminal = !Console.IsOutputRedirected,
    };

    /// <summary>
    /// The working folder; when it was deleted under the shell, the path the shell still shows (PWD), or
    /// the root: paths given in full still work, and a project looked for there is reported missing. The
    /// process moves to the root then, since McMaster reads the working folder itself and would fail.
    /// </summary>
    private static string CurrentDirectory()
    {
        try
        {
            return Environment.CurrentDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var root = Path.GetPathRoot(Path.GetTempPath()) ?? "/";
            Directory.SetCurrentDirectory(root);
            return Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shown && Path.IsPathFullyQualified(shown) ? shown : root;
        }
    }

    /// <summary>No prompt when stdin is redirected or CI is set (callers add their own --yes).</summary>
    public bool CanPrompt => StdinIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("CI"));
}
