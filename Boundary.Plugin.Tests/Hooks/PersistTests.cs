using Boundary.Amplify;
using Boundary.Core;
using Boundary.Push;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PersistTests
{
    private const string Owned = "amplify/boundary-owned.json";
    private const string NewArn = "arn:aws:iam::123456789012:policy/NewBoundary";

    private static void SetDevBoundary(TempProject project, string? arn)
    {
        var result = arn is null
            ? CliRunner.Run(project.Root, "remove", "--env", "dev")
            : CliRunner.Run(project.Root, "set", arn, "--env", "dev");
        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Test]
    public void Persist_keeps_the_values_and_records_which_ones_it_wrote()
    {
        using var project = TempProject.FromFixture("multi-env");

        var pre = Hook(project, "pre-push", null, "--persist");

        pre.ExitCode.Should().Be(0, pre.ToString());
        File.Exists(project.PathOf(Journal)).Should().BeFalse("nothing is to be undone");
        var owned = project.Read(Owned);
        owned.Should().Contain($"\"file\": \"{FnA}\"").And.Contain("\"logicalId\": \"LambdaExecutionRole\"").And.Contain(DevArn);
        owned.Should().NotContain("PersonRole").And.NotContain("editorsGroupRole");

        Hook(project, "post-push").StdOut.Should().Contain("Nothing to restore");
        project.Read(FnA).Should().Contain(DevArn);
    }

    [Test]
    public void Restore_lists_the_record_it_puts_back()
    {
        // A --persist run cut short after it saved its record: the journal says there was none before.
        // Written in format 4 (SHA-256), as the previous version wrote it: an upgrade between a killed run
        // and its restore still undoes it.
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(project.ReadBytes(FnA)));
        var text =
            $"{{\"boundaryJournal\":4,\"mode\":\"persist\",\"env\":\"dev\",\"boundary\":\"{DevArn}\",\"created\":\"2025-01-01T00:00:00+00:00\",\"recordsOwnership\":true,\"ownershipBefore\":null,\"fileId\":\"THIS-FILE\"}}\n" +
            $"{{\"index\":0,\"path\":\"{FnA}\",\"before\":\"{new string('0', 64)}\",\"after\":\"{hash}\",\"undo\":[],\"added\":[{{\"logicalId\":\"LambdaExecutionRole\",\"value\":\"{DevArn}\"}}],\"replaced\":[],\"copyStamp\":null}}\n{{\"ready\":1}}\n";
        project.Write(Journal, text);
        File.WriteAllText(project.PathOf(Journal), text.Replace("THIS-FILE", global::Boundary.Files.FileIdentity.Of(project.PathOf(Journal))!));

        var restore = CliRunner.Run(project.Root, "restore");

        restore.ExitCode.Should().Be(0, restore.ToString());
        restore.StdOut.Should().Contain($"restored {FnA}", restore.ToString()).And.Contain("restored amplify/boundary-owned.json").And.Contain("2 files put back");
        File.Exists(project.PathOf(Owned)).Should().BeFalse("there was no record before the run");
    }

    [TestCase("--dry-run")]
    [TestCase(null)]
    public void A_record_that_cannot_be_written_stops_the_run_before_any_template_changes(string? dryRun)
    {
        // The record is written after the templates: a run that found out only then left them changed.
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        SetDevBoundary(project, NewArn);
        File.SetUnixFileMode(project.PathOf(Owned), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var before = project.Snapshot();

        var pre = dryRun is null ? Hook(project, "pre-push", null, "--persist") : Hook(project, "pre-push", null, "--persist", dryRun);

        pre.ExitCode.Should().Be(3, pre.ToString());
        pre.StdErr.Should().Contain("boundary-owned.json: the file is read-only", pre.ToString());
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_record_that_fails_only_when_replaced_puts_every_template_back()
    {
        // The record passes every check made before the templates change, then becomes immutable while
        // they are replaced (as a sticky folder owned by another user would fail only then): its rename
        // fails after the templates were replaced.
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        SetDevBoundary(project, NewArn);
        FileFlags.RequireChattr(project.Root);
        var before = project.Snapshot();
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            AfterFileWritten = _ => FileFlags.Chattr("+i", project.PathOf(Owned)),
        };
        try
        {
            var run = () => runner.Run(HookPayload.Empty, new PrePushRequest(Persist: true));

            run.Should().Throw<BoundaryException>().Which.Message.Should().Contain("boundary-owned.json")
                .And.MatchRegex(@"The \d+ files written before it were put back as they were\.");
        }
        finally
        {
            FileFlags.Chattr("-i", project.PathOf(Owned));
        }
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void An_immutable_record_stops_the_run_before_any_template_changes()
    {
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        SetDevBoundary(project, NewArn);
        if (!FileFlags.Chattr("+i", project.PathOf(Owned)))
            Assert.Ignore("chattr +i is not available here (not root, or a file system without the flag), so the record cannot be made immutable.");
        try
        {
            var before = project.Snapshot();

            var dry = Hook(project, "pre-push", null, "--persist", "--dry-run");
            var pre = Hook(project, "pre-push", null, "--persist");

            dry.ExitCode.Should().Be(3, dry.ToString());
            pre.ExitCode.Should().Be(3, pre.ToString());
            pre.StdErr.Should().Contain("boundary-owned.json: cannot be replaced: it or its folder is marked immutable or append-only").And.NotContain("put back");
            project.ShouldEqualSnapshot(before);
        }
        finally
        {
            FileFlags.Chattr("-i", project.PathOf(Owned));
        }
    }

    [Test]
    public void A_record_that_would_not_change_is_not_written()
    {
        // A person removed a value the tool wrote: the template changes, the record stays as it is, and
        // a record that could not be written then is no reason to stop.
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        var record = project.Read(Owned);
        var edited = project.Read(FnA).Replace($"\"PermissionsBoundary\": \"{DevArn}\",", "", StringComparison.Ordinal);
        edited.Should().NotContain(DevArn, "the person's edit removes the value");
        project.Write(FnA, edited);
        File.SetUnixFileMode(project.PathOf(Owned), UnixFileMode.UserRead | UnixFileMode.GroupRead);

        var dryRun = Hook(project, "pre-push", null, "--persist", "--dry-run");
        var pre = Hook(project, "pre-push", null, "--persist");

        dryRun.ExitCode.Should().Be(0, dryRun.ToString());
        pre.ExitCode.Should().Be(0, pre.ToString());
        project.Read(FnA).Should().Contain(DevArn);
        project.Read(Owned).Should().Be(record);
    }

    [Test]
    public void A_changed_boundary_updates_exactly_the_values_the_tool_wrote()
    {
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        var personRole = project.Read(Custom);
        SetDevBoundary(project, NewArn);

        var pre = Hook(project, "pre-push", null, "--persist");

        pre.ExitCode.Should().Be(0, pre.ToString());
        pre.StdOut.Should().Contain("0 injected, 2 kept, 7 updated, 0 removed");
        project.Read(FnA).Should().Contain(NewArn).And.NotContain(DevArn);
        project.Read(Custom).Should().Be(personRole.Replace(DevArn, NewArn));
        project.Read(Custom).Should().Contain("policy/Chosen");
        project.Read(Owned).Should().Contain(NewArn).And.NotContain(DevArn);
    }

    [Test]
    public void A_removed_boundary_removes_exactly_the_values_the_tool_wrote_and_gives_back_the_original_bytes()
    {
        using var project = TempProject.FromFixture("multi-env");
        var original = project.Snapshot();
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        SetDevBoundary(project, null);

        var pre = Hook(project, "pre-push", null, "--persist");

        pre.ExitCode.Should().Be(0, pre.ToString());
        pre.StdOut.Should().Contain("0 injected, 2 kept, 0 updated, 7 removed");
        foreach (var file in new[] { FnA, FnB, Groups, Todo, Custom, RootStack })
            project.ReadBytes(file).Should().Equal(original[file.Replace('/', Path.DirectorySeparatorChar)], file);
        File.Exists(project.PathOf(Owned)).Should().BeFalse();
    }

    [Test]
    public void A_persons_value_equal_to_the_boundary_is_never_removed()
    {
        using var project = TempProject.FromFixture("multi-env");
        // A person wrote the env's own ARN on a role before the tool ever ran.
        project.Write(Todo, project.Read(Todo).Replace("\"RoleName\": \"TodoRole\"", $"\"RoleName\": \"TodoRole\",\n        \"PermissionsBoundary\": \"{DevArn}\""));
        var personal = project.Read(Todo);
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        project.Read(Todo).Should().Be(personal);
        SetDevBoundary(project, null);

        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);

        project.Read(Todo).Should().Be(personal);
        project.Read(FnA).Should().NotContain("PermissionsBoundary");
    }

    [Test]
    public void Pushing_another_env_moves_the_tools_values_to_that_envs_boundary()
    {
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);

        var prod = Hook(project, "pre-push", Payload(project.Root, "prod"), "--persist");

        prod.StdOut.Should().Contain("7 updated");
        project.Read(FnA).Should().Contain(ProdArn).And.NotContain(DevArn);

        var test = Hook(project, "pre-push", Payload(project.Root, "test"), "--persist");
        test.StdOut.Should().Contain("7 removed");
        project.Read(FnA).Should().NotContain("PermissionsBoundary");
    }

    [Test]
    public void The_project_setting_turns_persist_on_without_the_flag()
    {
        using var project = TempProject.FromFixture("multi-env");
        project.Write("amplify/boundary-settings.json", "{\n  \"persist\": true\n}");

        var pre = Hook(project, "pre-push", null, "--json");

        pre.StdOut.Should().Contain("\"mode\": \"persist\"");
        File.Exists(project.PathOf(Owned)).Should().BeTrue();
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }
}
