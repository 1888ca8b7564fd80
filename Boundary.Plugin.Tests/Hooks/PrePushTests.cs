using Boundary.Amplify;
using Boundary.Core;
using Boundary.Push;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;
using static Boundary.Tests.Hooks.HookTestSupport;


namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PrePushTests
{
    [Test]
    public void Injects_into_every_template_then_post_push_puts_every_byte_back()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();

        var pre = Hook(project, "pre-push");

        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain($"changed {FnA} (1 injected)");
        pre.StdOut.Should().Contain("7 injected, 2 kept, 0 updated, 0 removed, 2 skipped; 6 files changed.");
        project.Read(FnA).Should().Contain($"\"PermissionsBoundary\": \"{DevArn}\"");
        project.Read(FnB).Should().Contain($"\"PermissionsBoundary\": \"{DevArn}\",\r\n");
        project.Read(NodeModules).Should().NotContain("PermissionsBoundary");
        project.Read(Custom).Should().Contain("arn:aws:iam::123456789012:policy/Chosen");
        File.Exists(project.PathOf(Journal)).Should().BeTrue();
        File.Exists(project.PathOf("amplify/.boundary/.gitignore")).Should().BeTrue();

        var post = Hook(project, "post-push");

        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        post.StdOut.Should().Contain("6 files put back.");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void Another_env_gets_its_own_boundary_and_an_env_without_one_nothing()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();

        Hook(project, "pre-push", Payload(project.Root, "prod")).ExitCode.Should().Be(0);
        project.Read(FnA).Should().Contain(ProdArn);
        Hook(project, "post-push").ExitCode.Should().Be(0);
        project.ShouldEqualSnapshot(before);

        var none = Hook(project, "pre-push", Payload(project.Root, "test"));
        none.ExitCode.Should().Be(0, none.ToString());
        none.StdOut.Should().Contain("Env 'test' has no permissions boundary; nothing to do.");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void Without_a_payload_the_env_comes_from_local_env_info_and_the_project_from_the_working_folder()
    {
        using var project = TempProject.FromFixture("multi-env");
        var result = CliRunner.Run(Path.Combine(project.Root, "amplify", "backend"), "", new Dictionary<string, string?>(), "hook", "pre-push");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain($"env 'dev': {DevArn}");
        project.Read(FnA).Should().Contain(DevArn);
    }

    [Test]
    public void Env_option_overrides_the_payload()
    {
        using var project = TempProject.FromFixture("multi-env");
        var result = Hook(project, "pre-push", null, "--env", "prod");
        result.ExitCode.Should().Be(0, result.ToString());
        project.Read(FnA).Should().Contain(ProdArn);
    }

    // The host's payload naming an env team-provider-info lacks: the host has no boundary for it either
    // (a warning, nothing to do). The same name typed with --env is an unknown env, as for every command.
    [Test]
    public void An_unknown_env_is_a_warning_from_the_payload_and_a_usage_error_from_the_env_option()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();

        var fromPayload = Hook(project, "pre-push", Payload(project.Root, "nope"));
        fromPayload.ExitCode.Should().Be(0, fromPayload.ToString());
        fromPayload.StdErr.Should().Contain("env 'nope' is not in");

        var fromOption = Hook(project, "pre-push", null, "--env", "nope");
        fromOption.ExitCode.Should().Be(ExitCodes.Usage, fromOption.ToString());
        fromOption.StdErr.Should().Contain("Unknown env 'nope'");
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void A_malformed_template_stops_the_run_naming_file_line_and_column_with_no_file_changed()
    {
        using var project = TempProject.FromFixture("multi-env");
        project.Write("amplify/backend/function/broken/broken-cloudformation-template.json",
            "{\n  \"Resources\": {\n    \"R\": { \"Type\": \"AWS::IAM::Role\", \"Properties\": { \"A\": 1, } ,, }\n  }\n}");
        var before = project.Snapshot();

        var result = Hook(project, "pre-push");

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        result.StdErr.Should().MatchRegex(@"broken-cloudformation-template\.json:3:\d+");
        result.StdErr.Should().Contain("No file was changed");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_write_failure_puts_back_the_files_already_written()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            // The fourth write "fails" after three files were replaced (and itself was).
            AfterFileWritten = index => { if (index == 3) throw BoundaryException.File("fnB-cloudformation-template.json: cannot be written (disk full)."); },
        };

        var run = () => runner.Run(HookPayload.Empty, new PrePushRequest());

        run.Should().Throw<BoundaryException>().Which.Message.Should().Contain("disk full").And.MatchRegex(@"The \d+ files written before it were put back as they were\.");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_write_that_fails_before_any_file_was_replaced_says_so()
    {
        using var project = TempProject.FromFixture("multi-env");
        var templates = Directory.EnumerateFiles(project.PathOf("amplify/backend"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "amplify-meta.json").ToList();
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            // Every template is saved again (one byte longer) after it was planned: no rename may happen.
            AfterPlanned = () => templates.ForEach(t => File.AppendAllText(t, " ")),
        };

        var run = () => runner.Run(HookPayload.Empty, new PrePushRequest());

        var message = run.Should().Throw<BoundaryException>().Which.Message;
        message.Should().Contain("changed while 'dotnet boundary' was running").And.EndWith("No other file had been replaced.");
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_write_failure_whose_put_back_fails_too_keeps_the_journal_and_says_how_to_undo()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        var backend = project.PathOf("amplify/backend");
        FileFlags.RequireChattr(project.Root);
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            // After three files were replaced, the backend becomes immutable (nothing can be put back)
            // and the fourth write "fails".
            AfterFileWritten = index =>
            {
                if (index != 3)
                    return;
                FileFlags.Chattr("+i", backend);
                throw BoundaryException.File("fnB-cloudformation-template.json: cannot be written (disk full).");
            },
        };
        try
        {
            var run = () => runner.Run(HookPayload.Empty, new PrePushRequest());

            var message = run.Should().Throw<RollbackFailedException>().Which.Message;
            message.Should().StartWith("Writing the changed files failed, and putting back").And.Contain("failed too").And.Contain("The write that failed: fnB-cloudformation-template.json: cannot be written (disk full).").And.Contain("'dotnet boundary restore'");
            File.Exists(project.PathOf(Journal)).Should().BeTrue();
        }
        finally
        {
            FileFlags.Chattr("-i", backend);
        }

        CliRunner.Run(project.Root, "restore").ExitCode.Should().Be(0);
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void A_template_changed_after_it_was_read_stops_the_run_and_nothing_else_changes()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        var edited = project.Read(FnA).Replace("\"Resources\"", "\"Resources\" ");
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            // Someone saves a template while the run has it planned and staged, before any rename.
            AfterPlanned = () => project.Write(FnA, edited),
        };

        var run = () => runner.Run(HookPayload.Empty, new PrePushRequest());

        run.Should().Throw<BoundaryException>().Which.Message.Should().Contain("changed while 'dotnet boundary' was running");
        project.Read(FnA).Should().Be(edited);
        before[FnA] = project.ReadBytes(FnA);
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_run_that_writes_leaves_no_temp_file_beside_any_template()
    {
        using var project = TempProject.FromFixture("multi-env");

        Hook(project, "pre-push").ExitCode.Should().Be(0);

        Directory.EnumerateFiles(project.Root, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public void Include_users_also_caps_IAM_users()
    {
        using var project = TempProject.FromFixture("multi-env");
        var result = Hook(project, "pre-push", null, "--include-users");
        result.StdOut.Should().Contain("8 injected, 2 kept, 0 updated, 0 removed, 1 skipped");
    }

    [Test]
    public void Json_output_has_the_files_and_the_summary()
    {
        using var project = TempProject.FromFixture("multi-env");
        var result = Hook(project, "pre-push", null, "--json");
        result.ExitCode.Should().Be(0, result.ToString());
        var document = JObject.Parse(result.StdOut);
        document["ok"]!.Value<bool>().Should().BeTrue();
        document["mode"]!.Value<string>().Should().Be("transient");
        document["env"]!.Value<string>().Should().Be("dev");
        document["permissionsBoundary"]!.Value<string>().Should().Be(DevArn);
        document["summary"]!["injected"]!.Value<int>().Should().Be(7);
        document["summary"]!["filesChanged"]!.Value<int>().Should().Be(6);
        var custom = document["files"]!.Single(f => f["path"]!.Value<string>() == Custom);
        custom["principals"]!.Select(p => $"{p["logicalId"]}:{p["action"]}").Should().Equal(
            "CustomRole:injected", "PersonRole:kept", "Linked:skipped", "Deployer:skipped");

        var post = JObject.Parse(Hook(project, "post-push", null, "--json").StdOut);
        post["restore"]!["summary"]!["restored"]!.Value<int>().Should().Be(6);
        post["pushFailed"]!.Value<bool>().Should().BeFalse();
    }

    [Test]
    public void Help_is_available_on_every_new_command()
    {
        foreach (var args in new[] { new[] { "hook", "--help" }, ["hook", "pre-push", "--help"], ["hook", "post-push", "--help"], ["restore", "--help"], ["inject", "--help"] })
        {
            var result = CliRunner.Run(Path.GetTempPath(), args);
            result.ExitCode.Should().Be(0, string.Join(' ', args) + "\n" + result);
            result.StdOut.Should().Contain("Usage:");
        }
    }

    [TestCase(null)]
    [TestCase("--dry-run")]
    public void An_append_only_state_folder_stops_pre_push_before_any_template_changes(string? dryRun)
    {
        // The journal written there could not be deleted once the run is over.
        using var project = TempProject.FromFixture("multi-env");
        FileFlags.RequireChattr(project.Root);
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        Hook(project, "post-push").ExitCode.Should().Be(0);
        var before = project.Snapshot();
        using (FileFlags.Marked("+a", project.PathOf("amplify/.boundary"), recursive: false))
        {
            var pre = Hook(project, "pre-push", null, ["--persist", .. dryRun is null ? Array.Empty<string>() : [dryRun]]);

            pre.ExitCode.Should().Be(3, pre.ToString());
            pre.StdErr.Should().Contain("push-journal.jsonl: the journal cannot be written there: its folder is marked immutable or append-only");
        }
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void A_journal_that_cannot_be_deleted_after_the_undo_says_the_files_were_put_back()
    {
        using var project = TempProject.FromFixture("multi-env");
        FileFlags.RequireChattr(project.Root);
        var before = project.Snapshot();
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        CliResult post;
        using (FileFlags.Marked("+i", project.PathOf(Journal)))
            post = Hook(project, "post-push");

        post.ExitCode.Should().Be(3, post.ToString());
        post.StdErr.Should().Contain("push-journal.jsonl: cannot be deleted").And.MatchRegex(@"\n  \d+ files were put back; the journal .* was kept\.");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeTrue();
        Hook(project, "post-push").ExitCode.Should().Be(0, "the journal left is undone again harmlessly");
    }

    [Test]
    public void An_undo_that_fails_for_one_file_says_how_many_others_were_put_back()
    {
        using var project = TempProject.FromFixture("multi-env");
        FileFlags.RequireChattr(project.Root);
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        CliResult post;
        using (FileFlags.Marked("+i", project.PathOf(FnA)))
            post = Hook(project, "post-push");

        post.ExitCode.Should().Be(3, post.ToString());
        post.StdErr.Should().Contain("fnA-cloudformation-template.json").And.MatchRegex(@"\d+ other files were put back; the journal .* was kept: fix the problem and run 'dotnet boundary restore' to finish\.");
        File.Exists(project.PathOf(Journal)).Should().BeTrue();
    }

    [TestCase(null)]
    [TestCase("--dry-run")]
    public void An_immutable_state_folder_is_no_problem_for_a_pre_push_with_nothing_to_journal(string? dryRun)
    {
        // A guard against refusing too much: a push with nothing to change must go on.
        using var project = TempProject.FromFixture("multi-env");
        FileFlags.RequireChattr(project.Root);
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        Hook(project, "post-push").ExitCode.Should().Be(0);
        var before = project.Snapshot();
        using (FileFlags.Marked("+i", project.PathOf("amplify/.boundary"), recursive: false))
        {
            // Env test has no boundary: nothing to do, nothing to journal.
            var pre = Hook(project, "pre-push", Payload(project.Root, env: "test"), dryRun is null ? [] : [dryRun]);

            pre.ExitCode.Should().Be(0, pre.ToString());
        }
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void An_append_only_state_folder_without_its_gitignore_stops_the_real_run_as_the_dry_run()
    {
        using var project = TempProject.FromFixture("multi-env");
        FileFlags.RequireChattr(project.Root);
        Directory.CreateDirectory(project.PathOf("amplify/.boundary"));
        var before = project.Snapshot();
        using (FileFlags.Marked("+a", project.PathOf("amplify/.boundary"), recursive: false))
        {
            var dry = Hook(project, "pre-push", null, "--dry-run");
            var real = Hook(project, "pre-push");

            dry.ExitCode.Should().Be(3, dry.ToString());
            real.ExitCode.Should().Be(3, real.ToString());
            real.StdErr.Should().Contain("is marked immutable or append-only");
        }
        Directory.EnumerateFileSystemEntries(project.PathOf("amplify/.boundary")).Should().BeEmpty("no temp file is left that could not be removed");
        project.ShouldEqualSnapshot(before);
    }
}
