using System.Diagnostics;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Read-only folders for a normal user (the tests run as root, so the tool runs as 'nobody' through
/// setpriv): one line saying what and what to do, exit 3, nothing changed; set writes both settings
/// files or neither.
/// </summary>
[Category("EndToEnd")]
public class PermissionAttackTests
{
    private const int Nobody = 65534;
    private const UnixFileMode ReadOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private string home = "";

    [SetUp]
    public void RequireRootAndSetpriv()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Assert.Ignore("Runs the tool as a normal user through setpriv, which needs root; this run is not root.");
        if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
            Assert.Ignore("setpriv (util-linux) is not installed, so the tool cannot be run as a normal user.");
        home = Path.Combine(Path.GetTempPath(), "boundary-nobody-home-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        Chown(home);
    }

    [TearDown]
    public void RemoveHome()
    {
        if (home.Length > 0 && Directory.Exists(home))
            Directory.Delete(home, recursive: true);
    }

    private static void Chown(string path)
    {
        RunChown(["-R", $"{Nobody}:{Nobody}", path]);
    }

    private CliResult RunAsNobody(AttackSite site, string? stdin, params string[] args)
    {
        var environment = AttackSite.QuietEnvironment();
        environment["HOME"] = home;
        environment["DOTNET_CLI_HOME"] = home;
        var result = PackedTool.Run(site.Project.Root,
            ["--reuid=" + Nobody, "--regid=" + Nobody, "--clear-groups", PackedTool.Path, .. args], stdin, environment,
            timeout: TimeSpan.FromSeconds(60), executable: "setpriv");
        AttackSite.ShouldHaveNoTrace(result);
        return result;
    }

    private static AttackSite OwnedByNobody()
    {
        var site = AttackSite.FromFixture();
        Chown(site.Project.Root);
        return site;
    }

    [TestCase("hook pre-push")]
    [TestCase("hook post-push")]
    [TestCase("restore")]
    [TestCase("set arn:aws:iam::123456789012:policy/Other")]
    public void Read_only_amplify_folder_is_one_line_and_exit_3(string command)
    {
        using var site = OwnedByNobody();
        File.SetUnixFileMode(site.Project.PathOf("amplify"), ReadOnlyFolder);
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("amplify/.boundary: cannot be created or written").And.Contain("chmod u+w");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Unreadable_folder_under_backend_is_one_line_and_exit_3_naming_it()
    {
        using var site = OwnedByNobody();
        var locked = site.Project.PathOf("amplify/backend/function/locked");
        Directory.CreateDirectory(locked);
        Chown(locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var before = site.Project.Snapshot();
            var pre = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push");
            pre.ExitCode.Should().Be(3, pre.ToString());
            pre.StdErr.Should().Contain("function/locked").And.Contain("chmod");
            var verify = RunAsNobody(site, null, "verify");
            verify.ExitCode.Should().Be(3, verify.ToString());
            verify.StdErr.Should().Contain("function/locked");
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            site.Project.Snapshot().Where(f => !f.Key.Contains("/.boundary/", StringComparison.Ordinal))
                .Should().BeEquivalentTo(before.Where(f => !f.Key.Contains("/.boundary/", StringComparison.Ordinal)), "no template may change");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TestCase("hook pre-push --dry-run")]
    [TestCase("hook pre-push")]
    public void Read_only_template_folder_stops_the_dry_run_as_it_stops_the_real_run(string command)
    {
        // The temp file goes beside the template: a folder it cannot be made in is refused before any
        // file is replaced, and a dry run, which makes none, refuses it too instead of passing.
        using var site = OwnedByNobody();
        var folder = Path.GetDirectoryName(site.Project.PathOf(FnA))!;
        File.SetUnixFileMode(folder, ReadOnlyFolder);
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("fnA-cloudformation-template.json: cannot be written").And.Contain("chmod u+w");
        result.StdOut.Should().NotContain("+++", "a dry run that fails prints no diff");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Read_only_state_folder_is_one_line_and_exit_3()
    {
        using var site = OwnedByNobody();
        Directory.CreateDirectory(site.Project.PathOf("amplify/.boundary"));
        Chown(site.Project.PathOf("amplify/.boundary"));
        File.SetUnixFileMode(site.Project.PathOf("amplify/.boundary"), ReadOnlyFolder);
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain(".boundary").And.Contain("chmod u+w");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void A_lock_left_by_a_run_as_root_is_one_line_saying_to_delete_it()
    {
        // What older versions left after a run as root: a state folder the user owns, a lock root owns.
        using var site = OwnedByNobody();
        RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push").ExitCode.Should().Be(0);
        RunAsNobody(site, Payload(site.Project.Root), "hook", "post-push").ExitCode.Should().Be(0);
        ChownToRoot(site.Project.PathOf("amplify/.boundary/lock"));
        File.SetUnixFileMode(site.Project.PathOf("amplify/.boundary/lock"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("lock: cannot be opened").And.Contain("it belongs to another user").And.Contain("delete it");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Read_only_state_folder_after_pre_push_keeps_the_journal_and_says_so()
    {
        using var site = OwnedByNobody();
        RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push").ExitCode.Should().Be(0);
        File.SetUnixFileMode(site.Project.PathOf("amplify/.boundary"), ReadOnlyFolder);

        var post = RunAsNobody(site, Payload(site.Project.Root), "hook", "post-push");

        post.ExitCode.Should().Be(3, post.ToString());
        post.StdErr.Should().Contain("push-journal.jsonl: cannot be deleted");
        File.Exists(site.Project.PathOf(Journal)).Should().BeTrue();
    }

    [TestCase(null)]
    [TestCase("--dry-run")]
    public void Read_only_state_folder_is_no_problem_for_a_pre_push_with_nothing_to_change(string? dryRun)
    {
        // A guard against refusing too much: the dry run must not ask more of the state folder than the run does.
        using var site = OwnedByNobody();
        RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push", "--persist").ExitCode.Should().Be(0);
        File.SetUnixFileMode(site.Project.PathOf("amplify/.boundary"), ReadOnlyFolder);
        var before = site.Snapshot();

        var again = RunAsNobody(site, Payload(site.Project.Root), ["hook", "pre-push", "--persist", .. dryRun is null ? Array.Empty<string>() : [dryRun]]);

        again.ExitCode.Should().Be(0, again.ToString());
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Read_only_state_folder_with_templates_to_change_stops_before_any_and_leaves_no_temp_file()
    {
        using var site = OwnedByNobody();
        // A push and its undo leave the state folder as every later run finds it (its lock, its .gitignore).
        RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push").ExitCode.Should().Be(0);
        RunAsNobody(site, Payload(site.Project.Root), "hook", "post-push").ExitCode.Should().Be(0);
        File.SetUnixFileMode(site.Project.PathOf("amplify/.boundary"), ReadOnlyFolder);
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("push-journal.jsonl: the journal cannot be written").And.Contain("no file was changed");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("hook pre-push --dry-run")]
    [TestCase("hook pre-push")]
    public void A_template_in_a_sticky_folder_of_another_user_stops_the_dry_run_as_it_stops_the_real_run(string command)
    {
        // A shared folder such as /tmp: writable, so a temp file can be made, but the template, another
        // user's, cannot be replaced there. Known from the folder's mode and owners, before any write.
        using var site = OwnedByNobody();
        var folder = Path.GetDirectoryName(site.Project.PathOf(FnA))!;
        ChownToRoot(folder, site.Project.PathOf(FnA));
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("1777", 8));
        File.SetUnixFileMode(site.Project.PathOf(FnA), (UnixFileMode)Convert.ToInt32("666", 8));
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("fnA-cloudformation-template.json: cannot be replaced: its folder has the sticky bit");
        site.ShouldBeUnchanged(before);
    }

    // The user's own folder lets the rename replace a file only root may write: the file would become the
    // user's, its owner's copy gone. Refused as test -w refuses it, the dry run too.
    [TestCase("hook pre-push --dry-run", FnA)]
    [TestCase("hook pre-push", FnA)]
    [TestCase("set arn:aws:iam::123456789012:policy/Other", "amplify/team-provider-info.json")]
    public void A_file_of_another_user_that_this_user_may_not_write_is_refused_though_its_folder_allows_replacing_it(string command, string file)
    {
        using var site = OwnedByNobody();
        ChownToRoot(site.Project.PathOf(file));
        File.SetUnixFileMode(site.Project.PathOf(file), (UnixFileMode)Convert.ToInt32("644", 8));
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain(Path.GetFileName(file) + ": this user may not write the file");
        site.ShouldBeUnchanged(before);
        OwnerOf(site.Project.PathOf(file)).Should().Be("0", "the file stays root's");
    }

    [Test]
    public void A_record_of_another_user_in_a_sticky_folder_stops_the_dry_run_that_would_delete_it()
    {
        using var site = OwnedByNobody();
        RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push", "--persist").ExitCode.Should().Be(0);
        CliRunner.Run(site.Project.Root, "remove", "--env", "dev").ExitCode.Should().Be(0);
        Chown(site.Project.Root);
        ChownToRoot(site.Project.PathOf("amplify"), site.Project.PathOf("amplify/boundary-owned.json"));
        File.SetUnixFileMode(site.Project.PathOf("amplify"), (UnixFileMode)Convert.ToInt32("1777", 8));
        var before = site.Snapshot();

        var dry = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push", "--persist", "--dry-run");
        var real = RunAsNobody(site, Payload(site.Project.Root), "hook", "pre-push", "--persist");

        dry.ExitCode.Should().Be(3, dry.ToString());
        real.ExitCode.Should().Be(3, real.ToString());
        dry.StdErr.Should().Contain("boundary-owned.json: cannot be deleted: its folder has the sticky bit");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("hook pre-push --dry-run")]
    [TestCase("hook pre-push")]
    public void Root_without_the_capability_that_overrides_the_sticky_bit_is_refused_as_the_kernel_refuses_it(string command)
    {
        // A hardened container's root: CAP_FOWNER dropped, so another user's file in a sticky folder
        // cannot be renamed over, as for any user.
        using var site = AttackSite.FromFixture();
        var folder = Path.GetDirectoryName(site.Project.PathOf(FnA))!;
        RunChown([$"{Nobody}:{Nobody}", folder, site.Project.PathOf(FnA)]);
        File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("1777", 8));
        var before = site.Snapshot();
        var environment = AttackSite.QuietEnvironment();

        var result = PackedTool.Run(site.Project.Root,
            ["--bounding-set=-fowner", "--inh-caps=-fowner", PackedTool.Path, .. command.Split(' ')], Payload(site.Project.Root), environment,
            timeout: TimeSpan.FromSeconds(60), executable: "setpriv");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("fnA-cloudformation-template.json: cannot be replaced: its folder has the sticky bit");
        site.ShouldBeUnchanged(before);
    }

    private static void ChownToRoot(params string[] paths) => RunChown(["0:0", .. paths]);

    private static string OwnerOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }

    private static void RunChown(string[] arguments)
    {
        using var chown = Process.Start("chown", arguments);
        chown.WaitForExit();
        chown.ExitCode.Should().Be(0);
    }

    [Test]
    public void Set_with_a_read_only_backend_writes_neither_settings_file()
    {
        using var site = OwnedByNobody();
        File.SetUnixFileMode(site.Project.PathOf("amplify/backend"), ReadOnlyFolder);
        var before = site.Snapshot();

        var result = RunAsNobody(site, null, "set", "arn:aws:iam::123456789012:policy/Other");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("amplify-meta.json: cannot be written");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Malformed_journal_as_a_normal_user_is_one_line_and_exit_3()
    {
        using var site = OwnedByNobody();
        site.Project.Write(Journal, "{\"boundaryJournal\":2}\n");
        Chown(site.Project.PathOf("amplify/.boundary"));
        var before = site.Snapshot();

        var result = RunAsNobody(site, Payload(site.Project.Root), "hook", "post-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("dotnet boundary restore --discard");
        site.ShouldBeUnchanged(before);
    }
}
