using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A template, a folder on the way, or a settings file reached through a link that leads out of the
/// project is never written through and no temp file appears outside: the link is named, exit 3,
/// nothing changed. Links that stay inside the project are followed as before.
/// </summary>
[Category("EndToEnd")]
public class SymlinkAttackTests
{
    private const string RoleTemplate = "{\n  \"Resources\": {\n    \"Role\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"AssumeRolePolicyDocument\": {}\n      }\n    }\n  }\n}\n";

    private static void ShouldNameLinkAndChangeNothing(AttackSite site, CliResult result, Dictionary<string, byte[]> before, string link)
    {
        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain(link + ": a link to").And.Contain("outside");
        site.ShouldBeUnchanged(before);
    }

    /// <summary>amplify/backend/function/NAME: a link to a folder outside the project holding a role's template.</summary>
    private static void LinkFunctionFolderOutside(AttackSite site, string name)
    {
        Directory.CreateDirectory(Path.Combine(site.Outside, "fn"));
        File.WriteAllText(Path.Combine(site.Outside, "fn", "fn-cloudformation-template.json"), RoleTemplate);
        Directory.CreateSymbolicLink(site.Project.PathOf($"amplify/backend/function/{name}"), Path.Combine(site.Outside, "fn"));
    }

    [Test]
    public void Template_linked_to_a_file_outside_is_never_written_through()
    {
        using var site = AttackSite.FromFixture();
        var target = Path.Combine(site.Outside, "role.json");
        File.WriteAllText(target, RoleTemplate);
        File.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function/fnA/evil-cloudformation-template.json"), target);
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/backend/function/fnA/evil-cloudformation-template.json");
        result.StdErr.Should().Contain("Nothing was changed");
    }

    [Test]
    public void Folder_linked_outside_inside_backend_is_refused()
    {
        using var site = AttackSite.FromFixture();
        LinkFunctionFolderOutside(site, "evil");
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/backend/function/evil");
    }

    [Test]
    public void Verify_refuses_a_linked_folder_that_leads_outside_as_pre_push_does()
    {
        // A cloned repository checked in CI: a link to '/' would have verify read every template-named
        // file of the machine, and one to a folder elsewhere report roles the host never deploys.
        using var site = AttackSite.FromFixture();
        LinkFunctionFolderOutside(site, "evil");
        var before = site.Snapshot();
        // Made after the snapshot and removed before the next: the snapshot itself would walk it.
        var rootLink = site.Project.PathOf("amplify/backend/function/root");
        Directory.CreateSymbolicLink(rootLink, "/");

        var result = site.Run("verify", "--arn", "arn:aws:iam::123456789012:policy/B");

        File.Delete(rootLink);
        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("amplify/backend/function/").And.Contain(": a link to").And.Contain("outside");
        result.StdOut.Should().NotContain("fn-cloudformation-template.json");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Verify_refuses_a_backend_folder_that_is_a_link_outside()
    {
        using var site = AttackSite.FromFixture();
        var moved = Path.Combine(site.Outside, "backend");
        Directory.Move(site.Project.PathOf("amplify/backend"), moved);
        File.WriteAllText(Path.Combine(moved, "leaked-cloudformation-template.json"), RoleTemplate.Replace("\"Role\"", "\"LeakedRole\"", StringComparison.Ordinal));
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/backend"), moved);
        var before = site.Snapshot();

        var result = site.Run("verify", "--arn", "arn:aws:iam::123456789012:policy/B");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/backend");
        result.StdOut.Should().NotContain("LeakedRole");
    }

    [Test]
    public void Backend_folder_that_is_a_link_outside_is_never_written_through()
    {
        using var site = AttackSite.FromFixture();
        var moved = Path.Combine(site.Outside, "backend");
        Directory.Move(site.Project.PathOf("amplify/backend"), moved);
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/backend"), moved);
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/backend");
    }

    [Test]
    public void Link_that_stays_inside_the_project_is_followed_and_stays_a_link()
    {
        using var site = AttackSite.FromFixture();
        site.Project.Write("shared/role.json", RoleTemplate);
        File.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function/fnA/shared-cloudformation-template.json"), "../../../../shared/role.json");
        var before = site.Snapshot();

        var pre = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        pre.ExitCode.Should().Be(0, pre.ToString());
        site.Project.Read("shared/role.json").Should().Contain(DevArn);
        new FileInfo(site.Project.PathOf("amplify/backend/function/fnA/shared-cloudformation-template.json")).LinkTarget.Should().NotBeNull();
        var post = site.RunWith(Payload(site.Project.Root), "hook", "post-push");
        post.ExitCode.Should().Be(0, post.ToString());
        site.ShouldBeUnchanged(before);
    }

    [TestCase("amplify/team-provider-info.json")]
    [TestCase("amplify/backend/amplify-meta.json")]
    public void Set_never_writes_a_settings_file_linked_outside(string linked)
    {
        using var site = AttackSite.FromFixture();
        var target = Path.Combine(site.Outside, Path.GetFileName(linked));
        File.Copy(site.Project.PathOf(linked), target);
        File.Delete(site.Project.PathOf(linked));
        File.CreateSymbolicLink(site.Project.PathOf(linked), target);
        var before = site.Snapshot();

        var set = site.Run("set", "arn:aws:iam::123456789012:policy/Other");
        ShouldNameLinkAndChangeNothing(site, set, before, linked);

        var remove = site.Run("remove");
        ShouldNameLinkAndChangeNothing(site, remove, before, linked);
    }

    // Both settings files one file through a link inside the project: the second write, made from the file
    // as first read, would undo the first, and the change was reported while the env kept its boundary.
    [TestCase("amplify/backend/amplify-meta.json", "../team-provider-info.json")]
    [TestCase("amplify/team-provider-info.json", "backend/amplify-meta.json")]
    public void Set_refuses_settings_files_that_are_one_file_through_a_link(string linked, string target)
    {
        using var site = AttackSite.FromFixture();
        var meta = site.Project.PathOf("amplify/backend/amplify-meta.json");
        var teamProviderInfo = site.Project.PathOf("amplify/team-provider-info.json");
        // One file that both readings accept: the envs, and the providers object amplify-meta has.
        var merged = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(teamProviderInfo));
        merged["providers"] = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(meta))["providers"];
        File.Delete(meta);
        File.Delete(teamProviderInfo);
        File.WriteAllText(site.Project.PathOf(Path.Combine(Path.GetDirectoryName(linked)!, target)), merged.ToString());
        File.CreateSymbolicLink(site.Project.PathOf(linked), target);
        var before = site.Snapshot();

        foreach (var command in new[] { new[] { "set", "arn:aws:iam::123456789012:policy/Other" }, ["remove"] })
        {
            var result = site.Run(command);
            result.ExitCode.Should().Be(3, result.ToString());
            result.StdErr.Should().Contain("are one file").And.Contain("nothing was changed");
            site.ShouldBeUnchanged(before);
        }
    }

    // Each settings file read from a link to a file outside the project that would be read without error
    // and shown: its text must never reach the output, whatever the command.
    [TestCase("amplify/team-provider-info.json", """{"leakedEnv":{"awscloudformation":{"PermissionsBoundaryPolicyArn":"arn:aws:iam::999999999999:policy/Leaked"}}}""", "list")]
    [TestCase("amplify/team-provider-info.json", """{"leakedEnv":{"awscloudformation":{"PermissionsBoundaryPolicyArn":"arn:aws:iam::999999999999:policy/Leaked"}}}""", "get --env leakedEnv")]
    [TestCase("amplify/backend/amplify-meta.json", """{"providers":{"awscloudformation":{"PermissionsBoundaryPolicyArn":"arn:aws:iam::999999999999:policy/Leaked"}}}""", "list")]
    [TestCase("amplify/.config/local-env-info.json", """{"envName":"leakedEnv"}""", "get")]
    [TestCase("amplify/boundary-settings.json", """{"persist":true,"leaked":1}""", "hook pre-push --dry-run")]
    [TestCase("amplify/hooks/hooks-config.json", """{"extensions":{"leaked":{"runtime":"x"}}}""", "hook status")]
    public void A_settings_file_linked_outside_is_never_read(string linked, string outsideText, string command)
    {
        using var site = AttackSite.FromFixture();
        var target = Path.Combine(site.Outside, "settings.json");
        File.WriteAllText(target, outsideText);
        Directory.CreateDirectory(Path.GetDirectoryName(site.Project.PathOf(linked))!);
        File.Delete(site.Project.PathOf(linked));
        File.CreateSymbolicLink(site.Project.PathOf(linked), target);
        var before = site.Snapshot();

        var result = command.StartsWith("hook pre-push", StringComparison.Ordinal)
            ? site.RunWith(Payload(site.Project.Root), command.Split(' '))
            : site.Run(command.Split(' '));

        ShouldNameLinkAndChangeNothing(site, result, before, linked);
        result.StdErr.Should().Contain("never reads through a link");
        (result.StdOut + result.StdErr).Should().NotContainEquivalentOf("leaked", "the file outside the project was read");
    }

    [Test]
    public void Verify_refuses_a_template_linked_to_a_file_outside()
    {
        using var site = AttackSite.FromFixture();
        var target = Path.Combine(site.Outside, "role.json");
        File.WriteAllText(target, RoleTemplate.Replace("\"Role\"", "\"LeakedRole\"", StringComparison.Ordinal));
        File.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function/fnA/evil-cloudformation-template.json"), target);
        var before = site.Snapshot();

        var result = site.Run("verify", "--arn", "arn:aws:iam::123456789012:policy/B");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/backend/function/fnA/evil-cloudformation-template.json");
        result.StdOut.Should().NotContain("LeakedRole");
    }

    [Test]
    public void State_folder_linked_outside_gets_no_journal_lock_or_temp_file()
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/.boundary"), site.Outside);
        var before = site.Snapshot();

        foreach (var args in new[] { new[] { "hook", "pre-push" }, ["hook", "post-push"], ["restore"], ["set", "arn:aws:iam::123456789012:policy/Other"] })
        {
            var result = site.RunWith(Payload(site.Project.Root), args);
            ShouldNameLinkAndChangeNothing(site, result, before, "amplify/.boundary");
            Directory.EnumerateFileSystemEntries(site.Outside).Select(Path.GetFileName).Should().BeEquivalentTo(["victim.txt"]);
        }
    }

    [TestCase("--dry-run")]
    [TestCase(null)]
    public void Current_cloud_backend_linked_outside_stops_pre_push_before_any_write(string? dryRun)
    {
        // post-push would refuse to undo anything through it, leaving the boundaries in the templates;
        // the dry run refuses what the run that writes refuses.
        using var site = AttackSite.FromFixture();
        var moved = Path.Combine(site.Outside, "ccb");
        Directory.Move(site.Project.PathOf("amplify/#current-cloud-backend"), moved);
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/#current-cloud-backend"), moved);
        var before = site.Snapshot();

        var pre = site.RunWith(Payload(site.Project.Root), ["hook", "pre-push", .. dryRun is null ? Array.Empty<string>() : [dryRun]]);

        ShouldNameLinkAndChangeNothing(site, pre, before, "amplify/#current-cloud-backend");
        File.Exists(site.Project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void Current_cloud_backend_linked_outside_is_never_restored_through()
    {
        using var site = AttackSite.FromFixture();
        var pre = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");
        pre.ExitCode.Should().Be(0, pre.ToString());
        var moved = Path.Combine(site.Outside, "ccb");
        Directory.Move(site.Project.PathOf("amplify/#current-cloud-backend"), moved);
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/#current-cloud-backend"), moved);
        File.Copy(site.Project.PathOf(FnA), Path.Combine(moved, "function/fnA/fnA-cloudformation-template.json"), overwrite: true);
        var before = site.Snapshot();

        var post = site.RunWith(Payload(site.Project.Root), "hook", "post-push");

        ShouldNameLinkAndChangeNothing(site, post, before, "amplify/#current-cloud-backend");
    }

    [Test]
    public void Hook_install_never_writes_through_a_hooks_folder_linked_outside()
    {
        using var site = AttackSite.FromFixture();
        Directory.Delete(site.Project.PathOf("amplify/hooks"), recursive: true);
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/hooks"), site.Outside);
        var before = site.Snapshot();

        var result = site.Run("hook", "install");

        ShouldNameLinkAndChangeNothing(site, result, before, "amplify/hooks");
    }

    [Test]
    public void Backend_folder_behind_more_links_than_the_system_follows_stops_pre_push_naming_the_link()
    {
        using var site = AttackSite.FromFixture();
        // amplify/backend/function reaches its folder through 40 links, as many as Linux follows in one
        // path: the host, working from the project's real path, deploys it; a payload naming the project
        // through a link adds one more, and the walk must not take the folder for nothing.
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Skipped: the kernel's limit on links in one path (ELOOP after 40) is Linux's.");
        Directory.CreateDirectory(site.Project.PathOf(".store"));
        Directory.Move(site.Project.PathOf("amplify/backend/function"), site.Project.PathOf(".store/l0"));
        for (var i = 1; i < 40; i++)
            File.CreateSymbolicLink(site.Project.PathOf($".store/l{i}"), $"l{i - 1}");
        File.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function"), "../../.store/l39");
        var linked = Directory.CreateTempSubdirectory("boundary-linked-").FullName;
        try
        {
            var projectLink = Path.Combine(linked, "project");
            File.CreateSymbolicLink(projectLink, site.Project.Root);
            var before = site.Snapshot();

            var result = site.RunWith(Payload(projectLink), "hook", "pre-push");

            result.ExitCode.Should().Be(3, result.ToString());
            result.StdErr.Should().Contain("amplify/backend/function: a link that cannot be followed from here").And.Contain("Nothing was changed");
            site.ShouldBeUnchanged(before);
        }
        finally
        {
            Directory.Delete(linked, recursive: true);
        }
    }

    [Test]
    public void Inject_never_writes_through_a_link_out_of_the_folder_given()
    {
        using var site = AttackSite.FromFixture();
        var target = Path.Combine(site.Outside, "role.json");
        File.WriteAllText(target, RoleTemplate);
        site.Project.Write("cdk.out/Stack.template.json", RoleTemplate);
        File.CreateSymbolicLink(site.Project.PathOf("cdk.out/Evil.template.json"), target);
        var before = site.Snapshot();

        var result = site.Run("inject", "cdk.out", "--arn", DevArn);

        ShouldNameLinkAndChangeNothing(site, result, before, "cdk.out/Evil.template.json");
    }
}
