using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Commands;

[TestFixture]
[Category("Unit")]
public sealed class HelpTests
{
    [TestCase(new string[0], "Caps every IAM role", "Usage: dotnet-boundary [options] [command]")]
    [TestCase(new[] { "hook" }, "The hooks the Amplify CLI runs", "Usage: dotnet-boundary hook [options] [command]")]
    [TestCase(new[] { "hook", "install" }, "Write amplify/hooks/pre-push.sh", "Usage: dotnet-boundary hook install [options]")]
    [TestCase(new[] { "verify" }, "Check that every AWS::IAM::Role", "Usage: dotnet-boundary verify [arguments] [options]")]
    [TestCase(new[] { "env", "add" }, "Give a new env the boundary", "Usage: dotnet-boundary env add [arguments] [options]")]
    public void Help_starts_with_the_description_then_the_usage(string[] command, string description, string usage)
    {
        var result = CliRunner.Run(Path.GetTempPath(), [.. command, "--help"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().StartWith(description);
        lines[1].Should().BeEmpty();
        lines[2].Should().Be(usage);
    }

    [Test]
    public void Version_prints_the_version_alone()
    {
        var result = CliRunner.Run(Path.GetTempPath(), "--version");

        result.ExitCode.Should().Be(0);
        result.StdOut.Trim().Should().Be(Program.Version);
    }

    // The parser's own hint would reach stdout, where a script reads a value or --json promises one document.
    [TestCase("get", "--bogus")]
    [TestCase("get", "--env", "a", "--env", "b")]
    [TestCase("audit", "--bogus")]
    [TestCase("list", "extra")]
    [TestCase("hook", "pre-push", "--nope")]
    public void A_command_line_the_parser_refuses_is_one_line_on_stderr_and_with_json_one_document_on_stdout(params string[] args)
    {
        var plain = CliRunner.Run(Path.GetTempPath(), args);
        plain.ExitCode.Should().Be(2, plain.ToString());
        plain.StdOut.Should().BeEmpty();
        plain.StdErr.Trim().Should().StartWith("error: ").And.NotContain("\n");

        var json = CliRunner.Run(Path.GetTempPath(), [.. args, "--json"]);
        json.ExitCode.Should().Be(2, json.ToString());
        var document = JObject.Parse(json.StdOut);
        document["ok"]!.Value<bool>().Should().BeFalse();
        document["exitCode"]!.Value<int>().Should().Be(2);
        document["error"]!.Value<string>().Should().NotBeNullOrEmpty();
        json.StdErr.Should().StartWith("error: ");
    }

    [TestCase("verify")]
    [TestCase("audit")]
    public void An_unknown_format_is_a_usage_error_naming_the_allowed_values(string command)
    {
        var result = CliRunner.Run(Path.GetTempPath(), command, "--format", "xml");

        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("--format 'xml' is not one of text, json, sarif.");
    }

    [TestCase("get")]
    [TestCase("list")]
    [TestCase("restore")]
    [TestCase("verify")]
    [TestCase("hook", "status")]
    [TestCase("audit")]
    public void Project_dir_is_offered_with_one_description(params string[] command)
    {
        var help = CliRunner.Run(Path.GetTempPath(), [.. command, "--help"]).StdOut;

        help.Should().MatchRegex(@"--project-dir <DIR>\s+The project's root folder \(holding 'amplify/'\)\.");
    }
}
