using System.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// The process's console, with a stdout writer that hands the system whole blocks. The runtime's
/// <see cref="Console.Out"/> converts through a 256-character buffer and writes each piece as it fills:
/// a dry run's diff of a large project (66 MB) was 400,000 system calls. This writer, like that one,
/// flushes at the end of every call, so what is printed reaches stdout, in order with stderr, as before.
/// Everything else is the runtime's console.
/// </summary>
public sealed class ProcessConsole : IConsole
{
    /// <summary>Characters converted at a time: a diff goes out in blocks of 32,768, eight system calls each.</summary>
    private const int BufferChars = 4096;

    private readonly IConsole inner = PhysicalConsole.Singleton;
    private readonly Lazy<TextWriter> output = new(CreateOutput);

    public TextWriter Out => output.Value;

    public TextWriter Error => inner.Error;

    public TextReader In => inner.In;

    public bool IsInputRedirected => inner.IsInputRedirected;

    public bool IsOutputRedirected => inner.IsOutputRedirected;

    public bool IsErrorRedirected => inner.IsErrorRedirected;

    public ConsoleColor ForegroundColor
    {
        get => inner.ForegroundColor;
        set => inner.ForegroundColor = value;
    }

    public ConsoleColor BackgroundColor
    {
        get => inner.BackgroundColor;
        set => inner.BackgroundColor = value;
    }

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add => inner.CancelKeyPress += value;
        remove => inner.CancelKeyPress -= value;
    }

    public void ResetColor() => inner.ResetColor();

    private static TextWriter CreateOutput()
    {
        // The console's encoding, never with a byte-order mark: the writer would put one at the start of
        // a pipe or a file.
        var encoding = Console.OutputEncoding;
        if (encoding.Preamble.Length > 0 && encoding.CodePage == Encoding.UTF8.CodePage)
            encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var writer = new StreamWriter(Console.OpenStandardOutput(), encoding, BufferChars, leaveOpen: true) { AutoFlush = true };
        return TextWriter.Synchronized(writer);
    }
}
