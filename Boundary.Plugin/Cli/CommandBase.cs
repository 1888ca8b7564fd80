using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// What every command shares: <c>--json</c>, output through <see cref="IOutput"/>, and the mapping of a
/// <see cref="BoundaryException"/> to its message and exit code.
/// </summary>
public abstract class CommandBase(IConsole console, RunContext context)
{
    [Option("--json", Description = "Write the result as JSON on stdout (errors too), for scripts.")]
    public bool Json { get; set; }

    protected IConsole Console { get; } = console;

    protected RunContext Context { get; } = context;

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
                Output.Json(new ErrorDocument(false, e.Message, e.ExitCode));
            return e.ExitCode;
        }
    }

    protected abstract int Execute();

    /// <summary>Writes <paramref name="document"/> with --json, else calls <paramref name="text"/>.</summary>
    protected void Report<T>(T document, Action text)
    {
        if (Json)
            Output.Json(document);
        else
            text();
    }
}
