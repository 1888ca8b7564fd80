using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// The console the command-line parser writes to: what it writes to stdout (help, its hint before a parse
/// error) is held until the command line is known to parse, and dropped when it does not. Its hint
/// ("Specify --help ...") would otherwise reach stdout, where a script reads a value and --json promises
/// one JSON document. The commands write through the console they are given, not this one.
/// </summary>
public sealed class ParsingConsole(IConsole inner) : DelegatingConsole(inner)
{
    private readonly StringWriter held = new();

    public override TextWriter Out => held;

    /// <summary>Writes what was held to stdout, once the command line parsed.</summary>
    public void Release()
    {
        var text = held.ToString();
        held.GetStringBuilder().Clear();
        if (text.Length > 0)
            Inner.Out.Write(text);
    }

    /// <summary>Drops what was held: the command line did not parse.</summary>
    public void Discard() => held.GetStringBuilder().Clear();
}
