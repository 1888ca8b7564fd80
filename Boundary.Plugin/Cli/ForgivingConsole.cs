using System.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>
/// The process console, except that a write to a closed or unwritable stdout or stderr ('&gt;&amp;-', a
/// reader gone, a file at the file-size limit) is dropped instead of failing the command there: the
/// files are what matter, and the exit code still tells how it went (see <see cref="Lost"/>).
/// </summary>
/// <param name="inner">The console everything but stdout's writes goes to.</param>
/// <param name="stdout">Where stdout's writes go instead of <paramref name="inner"/>'s (<see cref="StandardOutput"/> for the process).</param>
public sealed class ForgivingConsole(IConsole inner, TextWriter? stdout = null) : DelegatingConsole(inner)
{
    private readonly ForgivingWriter output = new(stdout ?? inner.Out);
    private readonly ForgivingWriter error = new(inner.Error);

    public override TextWriter Out => output;

    public override TextWriter Error => error;

    /// <summary>
    /// Why what was printed did not all reach stdout or stderr (their file reached the file-size limit, a
    /// full disk), or null. The command must then not end as a success: a report or a value read by a script
    /// would be incomplete. A reader that went away is no such failure: the runtime drops those writes itself
    /// (EPIPE).
    /// </summary>
    public string? Lost => output.Lost ?? error.Lost;

    private sealed class ForgivingWriter(TextWriter inner) : TextWriter
    {
        private bool broken;

        public string? Lost { get; private set; }

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => Try(() => inner.Write(value));

        public override void Write(string? value) => Try(() => inner.Write(value));

        public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

        public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

        public override void WriteLine() => Try(inner.WriteLine);

        public override void Flush() => Try(inner.Flush);

        private void Try(Action write)
        {
            if (broken)
                return;
            try
            {
                write();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException || Files.OutputFileStream.IsFileTooLarge(e))
            {
                broken = true; // drop the rest too
                // A write the system refused lost what was printed: a file at the file-size limit (which .NET
                // reports as an argument error), a full disk, an I/O error, a descriptor not open for writing
                // (EBADF, reported as UnauthorizedAccessException; a closed one gets /dev/null at start). Not
                // so a writer disposed at the end of the process.
                if (e is not ObjectDisposedException)
                    Lost = Files.OutputFileStream.IsFileTooLarge(e) ? "it reached the file-size limit, 'ulimit -f', of the file it goes to" : e.Message;
            }
        }
    }
}
