using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>A console that passes everything to another one but the writers its subclass puts in their place.</summary>
public abstract class DelegatingConsole(IConsole inner) : IConsole
{
    protected IConsole Inner { get; } = inner;

    public abstract TextWriter Out { get; }

    public virtual TextWriter Error => Inner.Error;

    public TextReader In => Inner.In;

    public bool IsInputRedirected => Inner.IsInputRedirected;

    public bool IsOutputRedirected => Inner.IsOutputRedirected;

    public bool IsErrorRedirected => Inner.IsErrorRedirected;

    public ConsoleColor ForegroundColor
    {
        get => Inner.ForegroundColor;
        set => Inner.ForegroundColor = value;
    }

    public ConsoleColor BackgroundColor
    {
        get => Inner.BackgroundColor;
        set => Inner.BackgroundColor = value;
    }

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add => Inner.CancelKeyPress += value;
        remove => Inner.CancelKeyPress -= value;
    }

    public void ResetColor() => Inner.ResetColor();
}
