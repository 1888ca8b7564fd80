using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Values read from a project's files never reach the terminal raw: a boundary or env name holding a
/// newline, an escape sequence or a bidirectional override could rewrite what the user sees (or a
/// script captures). get refuses a stored value that is no ARN, as verify and pre-push do; list shows
/// such values escaped.
/// </summary>
[Category("Unit")]
public class TerminalInjectionTests
{
    private const string Hostile = "arn:aws:iam::123456789012:policy/B\\n\\u001b[2J\\u202eevil";

    private static TempProject ProjectWithBoundary(string value, string env = "dev") =>
        TempProject.Minimal(
            $"{{\"{env}\": {{\"awscloudformation\": {{\"Region\": \"us-east-1\", \"PermissionsBoundaryPolicyArn\": \"{value}\"}}}}}}",
            currentEnv: env);

    [Test]
    public void Get_refuses_a_stored_boundary_that_is_no_arn_and_prints_it_escaped()
    {
        using var project = ProjectWithBoundary(Hostile);

        var result = CliRunner.Run(project.Root, "get");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdOut.Should().BeEmpty();
        result.StdErr.Should().Contain("\\u001B[2J").And.Contain("\\u202E").And.NotContain("\u001b").And.NotContain("\u202e");
        result.StdErr.TrimEnd().Split('\n').Should().HaveCount(2, "one line and its rule line, never the value's own line breaks");
    }

    [Test]
    public void List_shows_hostile_env_names_and_boundaries_escaped()
    {
        using var project = ProjectWithBoundary(Hostile, env: "de\\u001b]0;x\\u0007v");

        var result = CliRunner.Run(project.Root, "list");

        result.ExitCode.Should().Be(0, result.ToString());
        (result.StdOut + result.StdErr).Should().NotContain("\u001b").And.NotContain("\u202e").And.NotContain("\u0007");
        result.StdOut.Should().Contain("de\\u001B]0;x\\u0007v").And.Contain("\\u000A\\u001B[2J\\u202Eevil");
    }

    [Test]
    public void An_unknown_env_error_lists_the_known_names_escaped()
    {
        using var project = ProjectWithBoundary("arn:aws:iam::123456789012:policy/B", env: "de\\u001b[31mv");

        var result = CliRunner.Run(project.Root, "get", "--env", "prod");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("de\\u001B[31mv").And.NotContain("\u001b");
    }

    [Test]
    public void A_megabyte_where_an_arn_belongs_is_echoed_cut_short()
    {
        using var project = ProjectWithBoundary("arn:aws:iam::123456789012:policy/" + new string('a', 1 << 20));

        var result = CliRunner.Run(project.Root, "get");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Length.Should().BeLessThan(4000);
        result.StdErr.Should().Contain("characters)");
    }
}
