using Boundary.Cli;
using Boundary.Tests.Support;

namespace Boundary.Tests.Commands;

/// <summary>Whatever a command prints, a terminal gets no character it would act on; a diff keeps its CRLF line endings.</summary>
[Category("Unit")]
public class ConsoleOutputTests
{
    [Test]
    public void Lines_warnings_errors_and_details_escape_what_a_terminal_acts_on()
    {
        var console = new TestConsole();
        var output = new ConsoleOutput(console);

        output.Line("a\u001b[2Kb");
        output.Warn("c\rd");
        output.Error("e\u202ef");
        output.Detail("g\u009bh\n");

        console.StdOut.Should().Be("a\\u001B[2Kb\n");
        console.StdErr.Should().Be("warning: c\\u000Dd\nerror: e\\u202Ef\ng\\u009Bh\n");
    }

    [Test]
    public void A_document_keeps_its_value_and_shows_a_bidirectional_override_as_an_escape()
    {
        var console = new TestConsole();

        new ConsoleOutput(console).Json(new ErrorDocument(false, "x\u202ey\u001b", 3));

        console.StdOut.Should().NotContain("\u202e").And.NotContain("\u001b");
        Newtonsoft.Json.Linq.JObject.Parse(console.StdOut)["error"]!.ToObject<string>().Should().Be("x\u202ey\u001b");
    }

    [Test]
    public void Text_keeps_a_line_ending_cr_even_where_a_block_ends_and_escapes_any_other()
    {
        var console = new TestConsole();
        var block = new string('a', (1 << 15) - 1);

        new ConsoleOutput(console).Text(w =>
        {
            w.Write(block);
            w.Write("\r\n");
            w.Write(block);
            w.Write('\r');
            w.Write("b\u001b[1A\n\r");
        });

        console.StdOut.Should().Be(block + "\r\n" + block + "\\u000Db\\u001B[1A\n\\u000D");
    }
}
