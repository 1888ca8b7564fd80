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
        WorkingDirectory = Environment.CurrentDirectory,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        StdinIsTerminal = !Console.IsInputRedirected,
        StdoutIsTerminal = !Console.IsOutputRedirected,
    };

    /// <summary>No prompt when stdin is redirected or CI is set (callers add their own --yes).</summary>
    public bool CanPrompt => StdinIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("CI"));
}
