using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Boundary.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// Writes to the console: text and JSON on stdout, warnings and errors on stderr. Everything passes
/// <see cref="TerminalText.Escape(string)"/> on its way out, so what a project's files hold (a
/// template's names and values, a folder's name) can never act on the terminal it is shown in; lines,
/// warnings and errors pass <see cref="TerminalText.Message(string)"/>, so none of it starts a
/// line at the left margin either.
/// </summary>
public sealed class ConsoleOutput(IConsole console) : IOutput
{
    /// <summary>
    /// Indented camelCase JSON, nulls written. Non-ASCII text (template paths, messages) stays readable
    /// rather than \u-escaped: the documents go to a terminal or a file, never into HTML.
    /// </summary>
    public static OutputJsonContext Documents { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Not Environment.NewLine: a CR between tokens would be escaped by the terminal filter.
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The one serialiser behind every document the tool writes.</summary>
    public static string Serialize<T>(T document) =>
        JsonSerializer.Serialize(document, (JsonTypeInfo<T>)(Documents.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {nameof(OutputJsonContext)}.")));

    public void Line(string text = "") => console.Out.WriteLine(TerminalText.Message(text));

    public void Document(string rendered) => console.Out.WriteLine(TerminalText.Escape(rendered));

    public void Text(Action<TextWriter> write)
    {
        // The console's writer flushes on every call: pieces go out in blocks, not one system call each.
        using var blocks = new BlockWriter(console.Out);
        write(blocks);
    }

    public void Warn(string text) => console.Error.WriteLine($"warning: {TerminalText.Message(text)}");

    public void Error(string text) => console.Error.WriteLine($"error: {TerminalText.Message(text)}");

    // The serialiser escapes control characters itself; the relaxed encoder leaves the bidirectional
    // ones (U+202E, U+200E) raw, and "\uXXXX" in a JSON string is the same character.
    public void Json<T>(T document) => console.Out.WriteLine(TerminalText.Escape(Serialize(document)));

    public void Detail(string text) => console.Error.WriteLine(TerminalText.Escape(text.TrimEnd('\n')));

    public string? Lost => (console as ForgivingConsole)?.Lost;

    /// <summary>
    /// Collects text and hands it on in blocks of 32,768 characters, from one reused buffer: a string
    /// per block would be a large-object allocation each time, and megabytes of diff would set off a
    /// full collection every few blocks. Each block passes <see cref="TerminalText.WriteKeepingCrLf"/>;
    /// a carriage return that ends a block waits for the next one, which tells whether a line feed follows.
    /// </summary>
    private sealed class BlockWriter(TextWriter target) : TextWriter
    {
        private readonly char[] block = new char[1 << 15];
        private int used;

        public override System.Text.Encoding Encoding => target.Encoding;

        public override void Write(char value)
        {
            if (used == block.Length)
                Flush();
            block[used++] = value;
        }

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            while (buffer.Length > 0)
            {
                if (used == block.Length)
                    Flush();
                var count = Math.Min(buffer.Length, block.Length - used);
                buffer[..count].CopyTo(block.AsSpan(used));
                used += count;
                buffer = buffer[count..];
            }
        }

        public override void Flush() => Flush(last: false);

        private void Flush(bool last)
        {
            var held = !last && used > 0 && block[used - 1] == '\r' ? 1 : 0;
            if (used - held == 0)
                return;
            TerminalText.WriteKeepingCrLf(target, block.AsSpan(0, used - held));
            if (held == 1)
                block[0] = '\r';
            used = held;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                Flush(last: true);
            base.Dispose(disposing);
        }
    }
}
