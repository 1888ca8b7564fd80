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
            Validate();
            return Execute();
        }
        catch (BoundaryException e)
        {
            Output.Error(e.Message);
            if (Json)
                Output.Json(new ErrorDocument(false, e.Message, e.ExitCode));
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

    /// <summary>Checks the options before anything is read: a usage error (exit 2) for a value no command accepts.</summary>
    protected virtual void Validate()
    {
    }

    /// <summary>An option given as '' (or blank) where a name is needed: a usage error, never "use the default".</summary>
    protected static void RequireNonBlank(string? value, string option)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            throw BoundaryException.Usage($"{option} needs a value; '{value}' is not one. Leave the option out to use the default.");
    }

    /// <summary>Writes <paramref name="document"/> with --json, else calls <paramref name="text"/>.</summary>
    protected void Report<T>(T document, Action text)
    {
        if (Json)
            Output.Json(document);
        else
            text();
    }
}
