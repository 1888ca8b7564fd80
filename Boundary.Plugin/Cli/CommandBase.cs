using Boundary.Amplify;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// What every command shares: <c>--json</c>, output through <see cref="IOutput"/>, and the mapping of a
/// <see cref="BoundaryException"/> to its message and exit code.
/// </summary>
public abstract class CommandBase(IConsole console, CliContext context)
{
    [Option("--json", Description = "Write the result as JSON on stdout (errors too), for scripts.")]
    public bool Json { get; set; }

    protected IConsole Console { get; } = console;

    protected CliContext Context { get; } = context;

    protected IOutput Output { get; } = new ConsoleOutput(console);

    public int OnExecute()
    {
        try
        {
            return Execute();
        }
        catch (BoundaryException e)
        {
            Output.Error(e.Message);
            if (Json)
                Output.Json(new { ok = false, error = e.Message, exitCode = e.ExitCode });
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (Console is not null)
        {
            // Ctrl+C (ConsoleCancellation): the calls in flight were stopped and nothing half-done was written.
            Output.Error("cancelled (Ctrl+C); nothing further was changed.");
            return ExitCodes.Cancelled;
        }
    }

    protected abstract int Execute();

    /// <summary>Writes <paramref name="document"/> with --json, else calls <paramref name="text"/>.</summary>
    protected void Report(object document, Action text)
    {
        if (Json)
            Output.Json(document);
        else
            text();
    }
}

/// <summary>A command that acts on one env of one project.</summary>
public abstract class ProjectCommandBase(IConsole console, CliContext context) : CommandBase(console, context)
{
    [Option("--project-dir <DIR>", Description = "The project's root folder (holding 'amplify/'). Default: the nearest one at or above the working folder.")]
    public string? ProjectDir { get; set; }

    [Option("--env <NAME>", Description = "The environment. Default: the current one (amplify/.config/local-env-info.json).")]
    public string? Env { get; set; }

    protected AmplifyProject LocateProject() => AmplifyProject.Locate(ProjectDir, Context.WorkingDirectory);
}
