using Boundary.Core;
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
    public void The_collectors_counts_go_to_stderr_only_when_asked()
    {
        var asked = PackedTool.Run(".", ["--version"], environment: new Dictionary<string, string?> { [CollectorStats.Variable] = "1" });
        asked.ExitCode.Should().Be(0, asked.ToString());
        asked.StdOut.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        asked.StdErr.Should().MatchRegex(@"^gc-stats \{""collections"":\d+,""gen1"":\d+,""gen2"":\d+,""forced"":\d+,""pauseMs"":\d+,""allocatedMB"":\d+\}\n$");

        var quiet = PackedTool.Run(".", ["--version"], environment: new Dictionary<string, string?> { [CollectorStats.Variable] = null });
        quiet.StdErr.Should().BeEmpty();
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

    [Test]
    public void The_native_build_is_what_installs_on_linux_x64()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            Assert.Ignore("The native package is packed for linux-x64 only; this machine installs the framework-dependent one.");
        var target = new FileInfo(PackedTool.Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? PackedTool.Path;
        target.Should().Contain("linux-x64");
        File.Exists(Path.ChangeExtension(target, ".dll")).Should().BeFalse("a native executable has no managed dll beside it");
    }

    [Test]
    public void The_framework_dependent_fallback_package_runs_the_same_commands()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/backend/custom/c/c-cloudformation-template.json",
            "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {}\n    }\n  }\n}");
        var before = project.Snapshot();
        var tool = PackedTool.FrameworkDependentPath;

        PackedTool.Run(project.Root, ["set", Arn], executable: tool).ExitCode.Should().Be(0);
        var payload = "{\"data\":{\"amplify\":{\"environment\":\"dev\",\"command\":\"push\"}}}";
        var pre = PackedTool.Run(project.Root, ["hook", "pre-push"], payload, executable: tool);
        pre.ExitCode.Should().Be(0, pre.ToString());
        project.Read("amplify/backend/custom/c/c-cloudformation-template.json").Should().Contain(Arn);
        PackedTool.Run(project.Root, ["hook", "post-push"], payload, executable: tool).ExitCode.Should().Be(0);
        PackedTool.Run(project.Root, ["remove"], executable: tool).ExitCode.Should().Be(0);
        project.Snapshot().Should().BeEquivalentTo(before);
    }
}
