using System.Reflection;
using System.Text.RegularExpressions;
using Boundary.Tests.Support;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Tests.Commands;

[TestFixture]
[Category("Unit")]
public sealed class CommandTableTests
{
    [Test]
    public void Each_command_is_listed_under_the_name_its_attribute_gives()
    {
        foreach (var (name, type, _) in Program.Commands)
            type.GetCustomAttribute<CommandAttribute>()!.Name.Should().Be(name, type.Name);
        Program.Commands.Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Root_help_lists_every_command()
    {
        var help = CliRunner.Run(Path.GetTempPath(), "--help").StdOut;

        foreach (var (name, _, _) in Program.Commands)
            help.Should().MatchRegex($@"(?m)^\s+{Regex.Escape(name)}\s", name);
    }

    [TestCase(new[] { "hook", "pre-push", "--help" }, "hook")]
    [TestCase(new[] { "verify" }, "verify")]
    public void A_first_word_naming_a_command_builds_that_command_alone(string[] args, string command) =>
        Program.CommandsFor(args).Select(c => c.Name).Should().Equal(command);

    [TestCase]
    [TestCase("--help")]
    [TestCase("Verify")]
    [TestCase("verfy")]
    [TestCase("--version", "verify")]
    public void Any_other_command_line_builds_every_command(params string[] args) =>
        Program.CommandsFor(args).Should().HaveCount(Program.Commands.Count);

    [TestCase("verfy")]
    [TestCase("--project-dir")]
    public void An_unknown_first_word_is_still_a_usage_error(string word)
    {
        var result = CliRunner.Run(Path.GetTempPath(), word);

        result.ExitCode.Should().Be(2, result.ToString());
    }
}
