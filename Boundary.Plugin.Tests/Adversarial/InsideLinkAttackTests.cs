using System.Diagnostics;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// The tool's own files (its state folder, the push journal, the ownership file, the hooks it writes)
/// are never written through a link, even one that stays inside the project: a repository could point
/// them at its settings, a function's code or a folder git should see. Exit 3, nothing changed.
/// </summary>
[Category("EndToEnd")]
public class InsideLinkAttackTests
{
    [Test]
    public void State_folder_linked_to_another_folder_of_the_project_is_refused()
    {
        using var site = AttackSite.FromFixture();
        File.CreateSymbolicLink(site.Project.PathOf("amplify/.boundary"), ".");
        var before = site.Snapshot();

        var result = site.Run("set", "arn:aws:iam::123456789012:policy/Other", "--env", "dev");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("amplify/.boundary: a link");
        site.ShouldBeUnchanged(before);
        File.Exists(site.Project.PathOf("amplify/.gitignore")).Should().BeFalse("a .gitignore of '*' there would hide every new file under amplify/ from git");
    }

    [Test]
    public void Journal_linked_into_the_backend_is_never_written_through()
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateDirectory(site.Project.PathOf("amplify/.boundary"));
        File.CreateSymbolicLink(site.Project.PathOf(Journal), "../backend/function/fnA/new.json");
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("push-journal.jsonl: a link");
        site.ShouldBeUnchanged(before);
        File.Exists(site.Project.PathOf("amplify/backend/function/fnA/new.json")).Should().BeFalse();
    }

    [Test]
    public void Ownership_file_linked_to_nothing_stops_persist_before_any_write()
    {
        using var site = AttackSite.FromFixture();
        File.CreateSymbolicLink(site.Project.PathOf("amplify/boundary-owned.json"), "backend/function/fnA/src/owned.json");
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push", "--persist");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("boundary-owned.json").And.Contain("a link");
        site.ShouldBeUnchanged(before);
        File.Exists(site.Project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void Hook_linked_to_a_file_of_the_project_is_never_written_through()
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateDirectory(site.Project.PathOf("amplify/hooks"));
        File.CreateSymbolicLink(site.Project.PathOf("amplify/hooks/pre-push.sh"), "../team-provider-info.json");
        var before = site.Snapshot();

        var install = site.Run("hook", "install");

        install.ExitCode.Should().Be(3, install.ToString());
        install.StdErr.Should().Contain("amplify/hooks/pre-push.sh: a link");
        site.Project.Read("amplify/team-provider-info.json").Should().NotContain("dotnet-boundary");
        var uninstall = site.Run("hook", "uninstall");
        uninstall.ExitCode.Should().BeOneOf(0, 3);
        site.Project.Read("amplify/team-provider-info.json").Should().Be(System.Text.Encoding.UTF8.GetString(before[site.Project.PathOf("amplify/team-provider-info.json")]));
    }

    [Test]
    public void Hooks_folder_linked_to_another_folder_of_the_project_gets_nothing_written()
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateDirectory(site.Project.PathOf("scripts"));
        File.WriteAllText(site.Project.PathOf("scripts/pre-push.sh"), "#!/bin/bash\necho mine\n");
        if (Directory.Exists(site.Project.PathOf("amplify/hooks")))
            Directory.Delete(site.Project.PathOf("amplify/hooks"), recursive: true);
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/hooks"), "../scripts");
        var before = site.Snapshot();

        var install = site.Run("hook", "install");

        install.ExitCode.Should().Be(3, install.ToString());
        install.StdErr.Should().Contain("a link");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void A_working_folder_deleted_under_the_shell_still_answers_version_and_a_given_project()
    {
        using var site = AttackSite.FromFixture();
        var gone = Path.Combine(site.Outside, "gone");
        var script = $"mkdir -p '{gone}' && cd '{gone}' && rmdir '{gone}' && '{PackedTool.Path}' --version && '{PackedTool.Path}' get --project-dir '{site.Project.Root}'";
        var start = new ProcessStartInfo("/bin/bash") { ArgumentList = { "-c", script } };

        var result = ProcessRunner.Run(start, null, TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("policy/");
        AttackSite.ShouldHaveNoTrace(result);
    }
}
