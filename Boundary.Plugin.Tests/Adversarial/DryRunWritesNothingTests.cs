using Boundary.Amplify;
using Boundary.Push;
using Boundary.Tests.Hooks;
using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>A dry run promises to write nothing: not even the state folder, its .gitignore or its lock.</summary>
[Category("Unit")]
public class DryRunWritesNothingTests
{
    [Test]
    public void A_dry_pre_push_in_a_project_never_run_before_creates_no_state_folder()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root));

        var result = runner.Run(HookPayload.Empty, new PrePushRequest(DryRun: true));

        result.Files.Should().Contain(f => f.Changed, "the dry run has something to show");
        Directory.Exists(project.PathOf("amplify/.boundary")).Should().BeFalse("a dry run writes nothing");
        project.ShouldEqualSnapshot(before);
        Directory.EnumerateFiles(project.Root, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public void A_dry_pre_push_beside_an_empty_state_folder_creates_neither_its_gitignore_nor_its_lock()
    {
        using var project = TempProject.FromFixture("multi-env");
        Directory.CreateDirectory(project.PathOf("amplify/.boundary"));
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root));

        var result = runner.Run(HookPayload.Empty, new PrePushRequest(DryRun: true));

        result.Files.Should().Contain(f => f.Changed, "the dry run has something to show");
        Directory.EnumerateFileSystemEntries(project.PathOf("amplify/.boundary")).Should().BeEmpty("a dry run writes nothing");
    }

    [Test]
    public void A_dry_pre_push_refuses_a_state_folder_the_real_run_could_not_create()
    {
        // A guard for the dry run's own check, which no longer creates the folder to find out (the run
        // before it refused this case by trying).
        using var project = TempProject.FromFixture("multi-env");
        project.Write("amplify/.boundary", "a file where the state folder belongs");
        var before = project.Snapshot();

        var dry = HookTestSupport.Hook(project, "pre-push", null, "--dry-run");
        var real = HookTestSupport.Hook(project, "pre-push");

        dry.ExitCode.Should().Be(3, dry.ToString());
        real.ExitCode.Should().Be(3, real.ToString());
        dry.StdErr.Should().Contain(".boundary: not a folder");
        project.ShouldEqualSnapshot(before);
    }

    [TestCase("amplify")]
    [TestCase("amplify/backend/function/fnA")]
    public void A_dry_pre_push_refuses_an_immutable_folder_as_the_real_run_does(string folder)
    {
        using var project = TempProject.FromFixture("multi-env");
        var path = project.PathOf(folder);
        if (!FileFlags.Chattr("+i", path, recursive: false))
            Assert.Ignore("chattr +i is not available here (not root, or a file system without the flag), so no folder can be made immutable.");
        try
        {
            var dry = HookTestSupport.Hook(project, "pre-push", null, "--dry-run");
            var real = HookTestSupport.Hook(project, "pre-push");

            dry.ExitCode.Should().Be(3, dry.ToString());
            real.ExitCode.Should().Be(3, real.ToString());
            dry.StdErr.Should().Contain("marked immutable");
        }
        finally
        {
            FileFlags.Chattr("-i", path, recursive: false);
        }
    }

    [Test]
    public void A_dry_pre_push_refuses_a_journal_the_real_run_would_refuse()
    {
        using var project = TempProject.FromFixture("multi-env");
        Directory.CreateDirectory(project.PathOf("amplify/.boundary/push-journal.jsonl"));

        var dry = HookTestSupport.Hook(project, "pre-push", null, "--dry-run");
        var real = HookTestSupport.Hook(project, "pre-push");

        dry.ExitCode.Should().Be(3, dry.ToString());
        real.ExitCode.Should().Be(3, real.ToString());
        dry.StdErr.Should().Be(real.StdErr);
    }

    [Test]
    public void A_dry_pre_push_refuses_an_immutable_record_it_would_delete()
    {
        using var project = TempProject.FromFixture("multi-env");
        HookTestSupport.Hook(project, "pre-push", null, "--persist").ExitCode.Should().Be(0);
        CliRunner.Run(project.Root, "remove", "--env", "dev").ExitCode.Should().Be(0);
        var record = project.PathOf("amplify/boundary-owned.json");
        if (!FileFlags.Chattr("+i", record))
            Assert.Ignore("chattr +i is not available here (not root, or a file system without the flag), so the record cannot be made immutable.");
        try
        {
            var dry = HookTestSupport.Hook(project, "pre-push", null, "--persist", "--dry-run");

            dry.ExitCode.Should().Be(3, dry.ToString());
            dry.StdErr.Should().Contain("boundary-owned.json: cannot be deleted: it or its folder is marked immutable or append-only");
        }
        finally
        {
            FileFlags.Chattr("-i", record);
        }
    }
}
