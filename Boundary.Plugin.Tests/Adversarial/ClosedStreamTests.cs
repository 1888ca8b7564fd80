using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Every command run with stdin closed ('&lt;&amp;-') and with stdout closed ('&gt;&amp;-'): a documented exit
/// code and never a stack trace; post-push still restores with stdin closed, and output meant for a
/// closed stdout never lands in a file the tool opened.
/// </summary>
[Category("EndToEnd")]
public class ClosedStreamTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Other";

    public static IEnumerable<TestCaseData> EveryCommand()
    {
        string[][] commands =
        [
            ["--help"],
            ["--version"],
            ["get"],
            ["set", Arn],
            ["remove"],
            ["list"],
            ["init", "--permissions-boundary", ""],
            ["env", "add", "qa", "--permissions-boundary", ""],
            ["env", "update", "--permissions-boundary", Arn, "--yes"],
            ["hook", "pre-push"],
            ["hook", "post-push"],
            ["hook", "install"],
            ["hook", "uninstall"],
            ["hook", "status"],
            ["inject", "amplify/backend", "--arn", Arn, "--dry-run"],
            ["restore"],
            ["verify"],
            ["audit"],
        ];
        foreach (var closed in new[] { "<&-", ">&-" })
            foreach (var command in commands)
                yield return new TestCaseData(closed, command).SetArgDisplayNames(closed, string.Join(' ', command));
    }

    private static CliResult RunClosed(AttackSite site, string closed, params string[] args) =>
        PackedTool.Run(site.Project.Root, ["-c", $"exec \"$0\" \"$@\" {closed}", PackedTool.Path, .. args], null,
            AttackSite.QuietEnvironment(), timeout: TimeSpan.FromSeconds(60), executable: "bash");

    [TestCaseSource(nameof(EveryCommand))]
    public void Every_command_with_a_closed_stream_ends_with_a_documented_exit_code_and_no_trace(string closed, string[] args)
    {
        using var site = AttackSite.FromFixture();

        var result = RunClosed(site, closed, args);

        AttackSite.ShouldHaveNoTrace(result);
        result.ExitCode.Should().NotBe(70, result.ToString());
        foreach (var file in Directory.EnumerateFiles(site.Project.Root, "*", SearchOption.AllDirectories).Where(AttackSite.IsRegular))
            File.ReadAllText(file).Should().NotContain("Usage:", $"{file} must not receive the console's output").And.NotContain("error:");
    }

    [Test]
    public void Post_push_with_stdin_closed_still_restores_every_template()
    {
        using var site = AttackSite.FromFixture();
        var before = site.Snapshot();
        var pre = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");
        pre.ExitCode.Should().Be(0, pre.ToString());
        site.Project.Read(FnA).Should().Contain(DevArn);

        var post = RunClosed(site, "<&-", "hook", "post-push");

        AttackSite.ShouldHaveNoTrace(post);
        post.ExitCode.Should().Be(0, post.ToString());
        File.Exists(site.Project.PathOf(Journal)).Should().BeFalse();
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Pre_push_with_stdout_closed_writes_nothing_of_its_report_into_a_template()
    {
        using var site = AttackSite.FromFixture();

        var pre = RunClosed(site, ">&-", "hook", "pre-push");

        pre.ExitCode.Should().Be(0, pre.ToString());
        site.Project.Read(FnA).Should().Contain(DevArn).And.NotContain("injected");
        var post = RunClosed(site, ">&-", "hook", "post-push");
        post.ExitCode.Should().Be(0, post.ToString());
        site.Project.Read(FnA).Should().NotContain(DevArn);
    }
}
