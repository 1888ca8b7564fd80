using Boundary.Tests.Support;

namespace Boundary.Tests.Commands;

/// <summary>The packed and installed tool, run as a subprocess the way users and build pipelines run it.</summary>
[Category("EndToEnd")]
public class PackedToolTests
{
    private const string Arn = "arn:aws-us-gov:iam::123456789012:policy/teams/Boundary";

    [Test]
    public void Version_and_help_work_from_the_installed_tool()
    {
        var version = PackedTool.Run(".", ["--version"]);
        version.ExitCode.Should().Be(0, version.ToString());
        version.StdOut.Should().MatchRegex(@"\d+\.\d+\.\d+");
        PackedTool.Run(".", ["--help"]).StdOut.Should().Contain("Commands:");
    }

    [Test]
    public void Set_and_get_from_the_installed_tool_in_a_bare_environment()
    {
        using var project = TempProject.Minimal();
        var set = PackedTool.Run(project.Root, ["set", Arn], bareEnvironment: true);
        set.ExitCode.Should().Be(0, set.ToString());
        var get = PackedTool.Run(project.Root, ["get"], bareEnvironment: true);
        get.StdOut.Trim().Should().Be(Arn);
    }

    [Test]
    public void A_usage_error_exits_2_from_the_installed_tool()
    {
        using var project = TempProject.Minimal();
        PackedTool.Run(project.Root, ["set", "arn:aws:iam::1:policy/x"]).ExitCode.Should().Be(2);
    }
}
