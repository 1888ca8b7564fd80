using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Tests.Support;

/// <summary>A console whose output tests read and whose input they script.</summary>
public sealed class TestConsole(string input = "") : IConsole
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public TextWriter Out => output;

    public TextWriter Error => error;

    public TextReader In { get; } = new StringReader(input);

    public bool IsInputRedirected => true;

    public bool IsOutputRedirected => true;

    public bool IsErrorRedirected => true;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public string StdOut => output.ToString();

    public string StdErr => error.ToString();

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add { }
        remove { }
    }

    public void ResetColor()
    {
    }
}
