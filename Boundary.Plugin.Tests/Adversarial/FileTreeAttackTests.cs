using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Hostile shapes of the project's file tree and of the hook's stdin, run in-process: linked folders and
/// files inside the project, loops of links, unreadable folders, endless or damaged payloads, stale temp
/// files, and state-file paths that print as other paths.
/// </summary>
[Category("Unit")]
public class FileTreeAttackTests
{
    private const string FnBFolder = "amplify/backend/function/fnB";

    [Test]
    public void Linked_folder_inside_the_project_is_walked_and_its_roles_get_the_boundary()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        Directory.Move(project.PathOf(FnBFolder), project.PathOf("amplify/shared-fnB"));
        Directory.CreateSymbolicLink(project.PathOf(FnBFolder), "../../shared-fnB");

        var pre = Hook(project, "pre-push");

        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        project.Read("amplify/shared-fnB/fnB-cloudformation-template.json").Should().Contain(DevArn, "the roles behind the link must be capped");
        var post = Hook(project, "post-push");
        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        project.ReadBytes("amplify/shared-fnB/fnB-cloudformation-template.json").Should().Equal(
            before[Path.Combine("amplify", "backend", "function", "fnB", "fnB-cloudformation-template.json")], "post-push puts every byte back");
    }

    [Test]
    public void Linked_folder_inside_the_project_is_reported_by_verify()
    {
        using var project = TempProject.FromFixture("multi-env");
        Directory.Move(project.PathOf(FnBFolder), project.PathOf("amplify/shared-fnB"));
        Directory.CreateSymbolicLink(project.PathOf(FnBFolder), "../../shared-fnB");

        var files = TemplateFinder.Find([project.PathOf("amplify/backend")], [], project.Root);

        files.Should().Contain(project.PathOf(FnB));
    }

    [Test]
    public void Folder_link_back_up_is_walked_once_and_ends()
    {
        using var project = TempProject.FromFixture("multi-env");
        Directory.CreateSymbolicLink(project.PathOf("amplify/backend/function/fnA/up"), "../..");

        var files = TemplateFinder.Find([project.PathOf("amplify/backend")], [], project.Root);

        files.Should().Contain(project.PathOf(FnA));
        files.Select(ProjectPath.RealPath).Should().OnlyHaveUniqueItems();
        files.Should().NotContain(f => f.Contains($"{Path.DirectorySeparatorChar}up{Path.DirectorySeparatorChar}"));
    }

    [Test]
    public void File_linked_to_another_template_is_edited_once_and_put_back()
    {
        using var project = TempProject.FromFixture("multi-env");
        File.CreateSymbolicLink(project.PathOf("amplify/backend/function/fnA/zz-cloudformation-template.json"), "../fnB/fnB-cloudformation-template.json");
        var before = project.Snapshot();

        var pre = Hook(project, "pre-push");

        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        project.Read(FnB).Should().Contain(DevArn);
        var post = Hook(project, "post-push");
        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void Loops_of_links_named_like_templates_are_skipped_with_a_warning()
    {
        using var project = TempProject.FromFixture("multi-env");
        var folder = project.PathOf("amplify/backend/function/fnA");
        File.CreateSymbolicLink(Path.Combine(folder, "a.yml"), "b.yml");
        File.CreateSymbolicLink(Path.Combine(folder, "b.yml"), "a.yml");
        File.CreateSymbolicLink(Path.Combine(folder, "loop.json"), "loop.json");

        var verify = CliRunner.Run(project.Root, "verify");
        verify.ExitCode.Should().BeOneOf([ExitCodes.Success, ExitCodes.Findings], verify.ToString());
        verify.StdErr.Should().Contain("loop.json: skipped, not a regular file");

        var pre = Hook(project, "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdErr.Should().Contain("a.yml: skipped, not a regular file").And.Contain("loop.json: skipped");
        project.Read(FnA).Should().Contain(DevArn);
        Hook(project, "post-push").ExitCode.Should().Be(ExitCodes.Success);
    }

    [Test]
    public void Fifo_named_like_a_template_is_reported_by_verify()
    {
        using var project = TempProject.FromFixture("multi-env");
        AttackSite.MakeFifo(project.PathOf("amplify/backend/function/fnA/fifo-cloudformation-template.json"));

        var verify = CliRunner.Run(project.Root, "verify");

        verify.ExitCode.Should().BeOneOf([ExitCodes.Success, ExitCodes.Findings], verify.ToString());
        verify.StdErr.Should().Contain("fifo-cloudformation-template.json: skipped, not a regular file");
    }

    [Test]
    public void Payload_larger_than_the_cap_is_ignored_with_a_warning()
    {
        using var project = TempProject.FromFixture("multi-env");

        var result = CliRunner.Run(project.Root, new string('\0', 5 * 1024 * 1024), (IReadOnlyDictionary<string, string?>?)null, "hook", "pre-push");

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.StdErr.Should().Contain("larger than 4 MiB");
        project.Read(FnA).Should().Contain(DevArn, "the env then comes from local-env-info");
    }

    [Test]
    public void Payload_project_path_with_a_nul_falls_back_to_the_working_folder()
    {
        using var project = TempProject.FromFixture("multi-env");

        var result = Hook(project, "pre-push", Payload(project.Root + "\0/x"));

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.StdErr.Should().Contain("projectPath holds a character no path can hold");
        project.Read(FnA).Should().Contain(DevArn);
    }

    [Test]
    public void Stale_temp_file_of_a_live_process_id_is_swept_under_the_lock_but_lookalikes_are_kept()
    {
        using var project = TempProject.FromFixture("multi-env");
        var guid = Guid.NewGuid().ToString("N");
        // Process 1 is always alive: its id was taken by another process after our run died.
        var stale = $"amplify/backend/function/fnA/.fnA-cloudformation-template.json.1.{guid}.tmp";
        var shortGuid = "amplify/backend/function/fnA/.fnA-cloudformation-template.json.1.abc.tmp";
        var linked = $"amplify/backend/function/fnA/.x.json.1.{guid}.tmp";
        project.Write(stale, "{}");
        project.Write(shortGuid, "{}");
        File.CreateSymbolicLink(project.PathOf(linked), "fnA-cloudformation-template.json");

        var pre = Hook(project, "pre-push");

        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        File.Exists(project.PathOf(stale)).Should().BeFalse();
        File.Exists(project.PathOf(shortGuid)).Should().BeTrue();
        new FileInfo(project.PathOf(linked)).LinkTarget.Should().NotBeNull();
    }

    [TestCase("amplify/backend/\u202Enosj.json")]
    [TestCase("amplify/backend/a\u200Db.json")]
    [TestCase("amplify/backend/a\u0007.json")]
    public void State_file_path_with_a_format_or_control_character_is_refused(string path)
    {
        ProjectPath.CheckRelative(path).Should().NotBeNull();
    }
}
