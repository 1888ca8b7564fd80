using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A file-size limit ('ulimit -f', which some CI runners set) reached by a write: one line naming the
/// file and the limit, exit 3, nothing changed and no temp file left. Without the tool's handling, the
/// kernel's SIGXFSZ killed the process in the middle of the write, and later .NET's own exception for
/// the error (EFBIG) reached the last-resort handler as a bug, with exit 70.
/// </summary>
[Category("EndToEnd")]
public class FileSizeLimitTests
{
    [SetUp]
    public void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("The file-size limit ('ulimit -f') and its signal are Linux's; this run is not on Linux.");
    }

    /// <summary>The packed tool run by bash under a 1 KB file-size limit; <paramref name="redirect"/> is added to bash's exec.</summary>
    private static CliResult RunUnderLimit(AttackSite site, string command, string? stdin, string redirect = "", Dictionary<string, string?>? environment = null)
    {
        var result = PackedTool.Run(site.Project.Root, ["-c", $"ulimit -f 1 && exec \"$0\" \"$@\" {redirect}", PackedTool.Path, .. command.Split(' ')],
            stdin, environment ?? AttackSite.QuietEnvironment(), timeout: TimeSpan.FromSeconds(60), executable: "bash");
        AttackSite.ShouldHaveNoTrace(result);
        return result;
    }

    [TestCase("hook pre-push")]
    [TestCase("inject amplify/backend --arn arn:aws:iam::123456789012:policy/Other")]
    public void Write_past_the_file_size_limit_is_one_line_exit_3_and_nothing_changed(string command)
    {
        using var site = AttackSite.FromFixture();
        var before = site.Snapshot();

        // 1 KB is smaller than the fixture's templates.
        var result = RunUnderLimit(site, command, Payload(site.Project.Root));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("larger than the file-size limit ('ulimit -f')", result.ToString());
        site.ShouldBeUnchanged(before);
    }

    [TestCase("verify")]
    [TestCase("verify --format json")]
    [TestCase("get --env dev")]
    public void Output_cut_off_at_the_file_size_limit_is_exit_3_never_a_success(string command)
    {
        using var site = AttackSite.FromFixture();
        var output = Path.Combine(site.Outside, "output.log");
        var environment = AttackSite.QuietEnvironment();
        environment["OUTPUT_LOG"] = output;

        // stdout and stderr to a file that takes 16 bytes more: what the command prints is cut off, so
        // a script must not take it for a complete report or value (.NET's own exception for the error
        // once ended the run as a bug, exit 70, or an abort; then the cut output came with exit 0).
        File.WriteAllText(output, new string('#', 1024 - 16));
        var result = RunUnderLimit(site, command, null, ">> \"$OUTPUT_LOG\" 2>&1", environment);

        result.ExitCode.Should().Be(3, result.ToString());
        new FileInfo(output).Length.Should().Be(1024);
    }

    /// <summary>The packed tool run by bash as <paramref name="script"/> says ("$0" is the tool, "$@" the arguments).</summary>
    private static CliResult RunInBash(AttackSite site, string script, string? stdin, params string[] args)
    {
        var result = PackedTool.Run(site.Project.Root, ["-c", script, PackedTool.Path, .. args],
            stdin, AttackSite.QuietEnvironment(), timeout: TimeSpan.FromSeconds(60), executable: "bash");
        AttackSite.ShouldHaveNoTrace(result);
        return result;
    }

    private static void RequireDevFull()
    {
        if (!File.Exists("/dev/full"))
            Assert.Ignore("/dev/full (a device whose writes fail with 'No space left on device') is missing here.");
    }

    [TestCase("get --env dev", ">/dev/full")]
    [TestCase("verify --format json", ">/dev/full")]
    [TestCase("verify", "2>/dev/full >/dev/full")]
    public void Output_to_a_full_disk_is_exit_3_never_a_success(string command, string redirect)
    {
        RequireDevFull();
        using var site = AttackSite.FromFixture();

        // A script's 'get > arn.txt' on a full disk used to end with exit 0 and an empty file, read as
        // "no boundary".
        var result = RunInBash(site, $"exec \"$0\" \"$@\" {redirect}", null, command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        if (!redirect.StartsWith("2>", StringComparison.Ordinal))
            result.StdErr.Should().Contain("the output could not all be written (No space left on device)");
    }

    [Test]
    public void Output_to_a_descriptor_open_only_for_reading_is_exit_3()
    {
        using var site = AttackSite.FromFixture();
        var readOnly = Path.Combine(site.Outside, "read-only.txt");
        File.WriteAllText(readOnly, "x");

        var result = RunInBash(site, $"exec \"$0\" \"$@\" 1<\"{readOnly}\"", null, "get", "--env", "dev");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("the output could not all be written");
    }

    [Test]
    public void Pre_push_whose_report_is_lost_puts_every_template_back_and_stops_the_push()
    {
        RequireDevFull();
        using var site = AttackSite.FromFixture();
        var before = site.Snapshot();

        // The host runs no post-push after a failed pre-push: what this run wrote must not stay behind.
        var result = RunInBash(site, "exec \"$0\" \"$@\" >/dev/full", Payload(site.Project.Root), "hook", "pre-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("every template was put back");
        site.ShouldBeUnchanged(before);
        File.Exists(site.Project.PathOf("amplify/.boundary/push-journal.jsonl")).Should().BeFalse();
    }

    [Test]
    public void Output_to_a_reader_that_goes_away_is_no_failure()
    {
        using var site = AttackSite.FromFixture();

        var result = RunInBash(site, "\"$0\" \"$@\" | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}", null, "verify");

        result.ExitCode.Should().Be(1, result.ToString());
    }
}
