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

    /// <summary>
    /// The entry point McMaster calls. A command that calls AWS (<see cref="CancelsOnCtrlC"/>) takes Ctrl+C
    /// over: the first one cancels the token given to <see cref="ExecuteAsync"/>, the calls in flight stop,
    /// and the command ends with exit 130 and one line. Any other command ends on Ctrl+C as every process does.
    /// </summary>
    public async Task<int> OnExecuteAsync()
    {
        using var cancellation = CancelsOnCtrlC ? ConsoleCancellation.Create(Console) : null;
        var cancellationToken = cancellation?.Token ?? CancellationToken.None;
        try
        {
            Validate();
            return await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BoundaryException e)
        {
            Output.Error(e.Message);
            if (Json)
                Output.Json(new ErrorDocument(false, e.Message, e.ExitCode));
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The calls in flight were stopped and nothing half-done was written.
            Output.Error("cancelled (Ctrl+C); nothing further was changed.");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Whether this run calls AWS, so that Ctrl+C should cancel its calls rather than end the process at once.</summary>
    protected virtual bool CancelsOnCtrlC => false;

    /// <summary>
    /// The command's work. Commands that call AWS override this and pass <paramref name="cancellationToken"/>
    /// to every call; the default runs <see cref="Execute"/>, for commands with nothing to wait for.
    /// </summary>
    protected virtual Task<int> ExecuteAsync(CancellationToken cancellationToken) => Task.FromResult(Execute());

    /// <summary>The work of a command with nothing to wait for (no AWS call).</summary>
    protected virtual int Execute() =>
        throw new InvalidOperationException($"{GetType().Name} overrides neither Execute nor ExecuteAsync.");

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
