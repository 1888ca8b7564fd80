using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// A token that Ctrl+C cancels: the first Ctrl+C asks the running calls to stop (and the command to end
/// cleanly, writing nothing half-done); a second one ends the process as usual.
/// </summary>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly IConsole console;
    private readonly CancellationTokenSource source = new();

    private ConsoleCancellation(IConsole console)
    {
        this.console = console;
        console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => source.Token;

    public static ConsoleCancellation Create(IConsole console) => new(console);

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested)
            return;
        e.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        console.CancelKeyPress -= OnCancel;
        source.Dispose();
    }
}
