using Boundary.Cli;

namespace Boundary.Tests.Commands;

[Category("Unit")]
public class TerminalTextTests
{
    [TestCase("\u001b[2J", "\\u001B[2J")]
    [TestCase("a\rb", "a\\u000Db")]
    [TestCase("\u0008\u0007\u007f", "\\u0008\\u0007\\u007F")]
    [TestCase("\u009b31m", "\\u009B31m")]
    [TestCase("\u0085", "\\u0085")]
    [TestCase("abc\u202edcba", "abc\\u202Edcba")]
    [TestCase("\u2066x\u2069", "\\u2066x\\u2069")]
    [TestCase("a\u2028b\u2029", "a\\u2028b\\u2029")]
    public void What_a_terminal_acts_on_is_written_as_an_escape(string text, string shown) =>
        TerminalText.Escape(text).Should().Be(shown);

    [Test]
    public void Line_feeds_tabs_and_letters_pass_and_clean_text_is_returned_itself()
    {
        const string text = "error: x\n  Rule: \tfunción 名前";

        TerminalText.Escape(text).Should().BeSameAs(text);
    }

    [TestCase("a\r\nb\r\n", "a\r\nb\r\n")]
    [TestCase("a\rb\n", "a\\u000Db\n")]
    [TestCase("a\r", "a\\u000D")]
    [TestCase("a\r\r\n", "a\\u000D\r\n")]
    [TestCase("x\u001b[1A\r\n", "x\\u001B[1A\r\n")]
    [TestCase("\u001b\r\n\r", "\\u001B\r\n\\u000D")]
    [TestCase("", "")]
    public void A_diff_keeps_a_carriage_return_only_before_a_line_feed(string text, string shown)
    {
        var writer = new StringWriter();

        TerminalText.WriteKeepingCrLf(writer, text);

        writer.ToString().Should().Be(shown);
    }

    [Test]
    public void A_diff_of_a_CRLF_file_reaches_the_writer_in_one_piece()
    {
        var text = string.Concat(Enumerable.Repeat("+  \"Type\": \"AWS::IAM::Role\",\r\n", 1000));
        var writer = new CountingWriter();

        TerminalText.WriteKeepingCrLf(writer, text);

        writer.ToString().Should().Be(text);
        var calls = writer.Calls;
        calls.Should().Be(1);
    }

    /// <summary>A writer that counts the calls it gets (each of which a console turns into a system call), not the ones they make of each other.</summary>
    private sealed class CountingWriter : StringWriter
    {
        private bool inCall;

        public int Calls { get; private set; }

        public override void Write(char value) => Count(() => base.Write(value));

        public override void Write(string? value) => Count(() => base.Write(value));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            var copy = buffer.ToString();
            Count(() => base.Write(copy.AsSpan()));
        }

        public override void Write(char[] buffer, int index, int count) => Count(() => base.Write(buffer, index, count));

        private void Count(Action write)
        {
            if (!inCall)
                Calls++;
            var outer = !inCall;
            inCall = true;
            try
            {
                write();
            }
            finally
            {
                if (outer)
                    inCall = false;
            }
        }
    }

    [TestCase("one line", "one line")]
    [TestCase("a\nerror: FAKE", "a\n  error: FAKE")]
    [TestCase("a\n  Rule: x", "a\n  Rule: x")]
    [TestCase("a\n b\n\nc\n", "a\n  b\n  \n  c\n")]
    [TestCase("a\u001b\nb", "a\\u001B\n  b")]
    public void A_message_starts_no_line_but_its_first_at_the_margin(string text, string shown) =>
        TerminalText.Message(text).Should().Be(shown);
}
