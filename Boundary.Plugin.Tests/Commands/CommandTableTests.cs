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
        foreach (var command in Program.Commands.Concat(Program.Commands.SelectMany(c => c.Children)))
            command.Type.GetCustomAttribute<CommandAttribute>()!.Name.Should().Be(command.Name, command.Type.Name);
        Program.Commands.Select(c => c.Name).Should().OnlyHaveUniqueItems();
        foreach (var command in Program.Commands)
            command.Children.Select(c => c.Name).Should().OnlyHaveUniqueItems(command.Name);
    }

    [Test]
    public void No_command_declares_subcommands_by_attribute_which_would_build_them_all_on_every_start()
    {
        foreach (var command in Program.Commands.Concat(Program.Commands.SelectMany(c => c.Children)))
            command.Type.GetCustomAttributes<SubcommandAttribute>().Should().BeEmpty(command.Type.Name);
    }

    [Test]
    public void No_command_or_member_carries_a_convention_attribute_which_the_skipped_AttributeConvention_would_apply()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var type in Program.Commands.Concat(Program.Commands.SelectMany(c => c.Children)).Select(c => c.Type).Append(typeof(Program)))
        {
            IEnumerable<MemberInfo> members = [type, .. type.GetProperties(all), .. type.GetMethods(all), .. type.GetFields(all)];
            foreach (var member in members)
                member.GetCustomAttributes(inherit: true)
                    .Where(a => a is McMaster.Extensions.CommandLineUtils.Conventions.IConvention or McMaster.Extensions.CommandLineUtils.Conventions.IMemberConvention)
                    .Should().BeEmpty($"{type.Name}.{member.Name}");
        }
    }

    [Test]
    public void Root_help_lists_every_command()
    {
        var help = CliRunner.Run(Path.GetTempPath(), "--help").StdOut;

        foreach (var command in Program.Commands)
            help.Should().MatchRegex($@"(?m)^\s+{Regex.Escape(command.Name)}\s", command.Name);
    }

    [TestCase("hook")]
    [TestCase("env")]
    [TestCase("org")]
    public void A_command_help_lists_every_subcommand(string name)
    {
        var help = CliRunner.Run(Path.GetTempPath(), name, "--help").StdOut;

        foreach (var child in Program.Commands.Single(c => c.Name == name).Children)
            help.Should().MatchRegex($@"(?m)^\s+{Regex.Escape(child.Name)}\s", child.Name);
    }

    [TestCase(new[] { "hook", "pre-push", "--help" }, "pre-push")]
    [TestCase(new[] { "env", "add" }, "add")]
    public void A_second_word_naming_a_subcommand_builds_that_subcommand_alone(string[] args, string subcommand)
    {
        var parent = Program.Commands.Single(c => c.Name == args[0]);

        Boundary.Cli.CommandEntry.For(parent.Children, args[1..]).Select(c => c.Name).Should().Equal(subcommand);
    }

    [Test]
    public void Version_alone_prints_the_version_and_nothing_else()
    {
        var result = CliRunner.Run(Path.GetTempPath(), "--version");

        result.ExitCode.Should().Be(0);
        result.StdOut.Should().Be(Program.Version + Environment.NewLine);
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
