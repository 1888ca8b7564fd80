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
}
