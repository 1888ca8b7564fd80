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
        using var project = TempProject.FromFixture("multi-env");
        project.Write("amplify/.boundary", "a file where the state folder belongs");
        var before = project.Snapshot();

        var dry = HookTestSupport.Hook(project, "pre-push", null, "--dry-run");
        var real = HookTestSupport.Hook(project, "pre-push");

        dry.ExitCode.Should().Be(3, dry.ToString());
        real.ExitCode.Should().Be(3, real.ToString());
        dry.StdErr.Should().Contain(".boundary: cannot be created or written");
        project.ShouldEqualSnapshot(before);
    }
}
