using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

/// <summary>
/// The installed tool run as the host runs a hook: a subprocess with only PATH set (no HOME, no
/// AWS_* or DOTNET_* variables, no network), the project root as working folder, the payload on stdin.
/// </summary>
[Category("EndToEnd")]
public class PackedPushHookTests
{
    private static CliResult Run(TempProject project, string? stdin, params string[] args) =>
        PackedTool.Run(project.Root, args, stdin, bareEnvironment: true);

    [Test]
    public void Pre_push_then_post_push_in_a_bare_environment_restores_every_byte()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();

        var pre = Run(project, Payload(project.Root), "hook", "pre-push");

        pre.ExitCode.Should().Be(0, pre.ToString());
        pre.StdOut.Should().Contain("7 injected, 2 kept");
        project.Read(FnA).Should().Contain(DevArn);
        HostCopiesToCurrentCloudBackend(project, FnA, FnB, Groups, Custom);

        var post = Run(project, Payload(project.Root), "hook", "post-push");

        post.ExitCode.Should().Be(0, post.ToString());
        project.ShouldEqualSnapshot(before.Concat([KeyValuePair.Create(CustomCopy.Replace('/', Path.DirectorySeparatorChar), before[Custom.Replace('/', Path.DirectorySeparatorChar)])]).ToDictionary());
    }

    [Test]
    public void A_failed_push_payload_and_a_bad_template_behave_in_the_packed_tool_too()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        Run(project, Payload(project.Root, "prod"), "hook", "pre-push").ExitCode.Should().Be(0);
        var post = Run(project, Payload(project.Root, "prod", error: "Deployment failed"), "hook", "post-push", "--json");
        post.ExitCode.Should().Be(0, post.ToString());
        post.StdOut.Should().Contain("\"pushFailed\": true");
        project.ShouldEqualSnapshot(before);

        project.Write("amplify/backend/function/bad/bad-cloudformation-template.json", "{ \"Resources\": { \"R\": { \"Type\": \"AWS::IAM::Role\" } ");
        before = project.Snapshot();
        var bad = Run(project, "", "hook", "pre-push");
        bad.ExitCode.Should().Be(3, bad.ToString());
        bad.StdErr.Should().MatchRegex(@"bad-cloudformation-template\.json:1:\d+");
        project.ShouldEqualSnapshot(before);
    }
}
