namespace Boundary.Cli;

/// <summary>Everything a command says goes through here: text lines, warnings and JSON documents.</summary>
public interface IOutput
{
    /// <summary>A line of text on stdout; should it hold more, every line after its first is indented.</summary>
    void Line(string text = "");

    /// <summary>A document already rendered (JSON from a serialiser of its own) on stdout: escaped for the terminal, its lines not indented.</summary>
    void Document(string rendered);

    /// <summary>Text on stdout written as it is made (a diff of megabytes); <paramref name="write"/> ends its lines with '\n'.</summary>
    void Text(Action<TextWriter> write);

    void Warn(string text);

    void Error(string text);

    /// <summary>Text on stderr without a prefix: what goes with a warning or error (a snippet to paste), or a detail beside a document on stdout.</summary>
    void Detail(string text);

    /// <summary>Writes <paramref name="document"/> as indented camelCase JSON on stdout; its type must be in <see cref="OutputJsonContext"/>.</summary>
    void Json<T>(T document);

    /// <summary>Why what was written so far did not all reach stdout or stderr (a full disk), or null.</summary>
    string? Lost { get; }
}
