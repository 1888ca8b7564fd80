using Boundary.Amplify;
using Boundary.Core;
using Boundary.Tests.Support;

namespace Boundary.Tests.Amplify;

[Category("Unit")]
public class BoundarySettingsTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Boundary";

    private static IEnumerable<string> GoldenCases() =>
        Directory.EnumerateDirectories(Path.Combine(TempProject.FixturesDir, "settings")).Select(Path.GetFileName).OfType<string>().Order();

    [TestCaseSource(nameof(GoldenCases))]
    public void Set_changes_only_the_boundary_bytes(string name)
    {
        var folder = Path.Combine(TempProject.FixturesDir, "settings", name);
        using var project = new TempProject();
        project.WriteBytes("amplify/team-provider-info.json", File.ReadAllBytes(Path.Combine(folder, "before.json")));

        new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set("dev", Arn);

        project.ReadBytes("amplify/team-provider-info.json").Should().Equal(File.ReadAllBytes(Path.Combine(folder, "after-set.json")));
    }

    // A case that starts with a boundary cannot come back by removing it, so it is not one of these.
    private static IEnumerable<string> CasesWithoutBoundary() =>
        GoldenCases().Where(name => !File.ReadAllText(Path.Combine(TempProject.FixturesDir, "settings", name, "before.json")).Contains("PermissionsBoundaryPolicyArn"));

    [TestCaseSource(nameof(CasesWithoutBoundary))]
    public void Set_then_remove_gives_back_the_original_bytes(string name)
    {
        var before = File.ReadAllBytes(Path.Combine(TempProject.FixturesDir, "settings", name, "before.json"));
        using var project = new TempProject();
        project.WriteBytes("amplify/team-provider-info.json", before);
        var settings = new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root));

        settings.Set("dev", Arn);
        settings.Set("dev", null);

        project.ReadBytes("amplify/team-provider-info.json").Should().Equal(before);
    }

    // A // comment at the end of the boundary's line goes with it; the one on the line before stays there.
    [TestCase("      \"Region\": \"us-east-1\", // region\n      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\" // boundary\n",
        "      \"Region\": \"us-east-1\" // region\n")]
    [TestCase("      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\", // boundary\n      \"Region\": \"us-east-1\" // region\n",
        "      \"Region\": \"us-east-1\" // region\n")]
    [TestCase("      \"Region\": \"us-east-1\", // r\n      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\" /* b */\n",
        "      \"Region\": \"us-east-1\" // r\n")]
    [TestCase("      \"Region\": \"us-east-1\", /* r */\n      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\" /* b */ // c\n",
        "      \"Region\": \"us-east-1\" /* r */\n")]
    // A comment that goes on to another line stays whole (left behind, never cut).
    [TestCase("      \"Region\": \"us-east-1\", // r\n      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\" /* multi\n line */\n",
        "      \"Region\": \"us-east-1\" // r\n       /* multi\n line */\n")]
    public void Remove_takes_the_boundary_line_with_its_comment_and_leaves_the_others(string members, string left)
    {
        const string Head = "{\n  \"dev\": {\n    \"awscloudformation\": {\n";
        const string Tail = "    }\n  }\n}\n";
        using var project = new TempProject();
        project.Write("amplify/team-provider-info.json", Head + members + Tail);

        new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set("dev", null);

        project.Read("amplify/team-provider-info.json").Should().Be(Head + left + Tail);
    }

    [Test]
    public void The_current_env_is_mirrored_into_amplify_meta_and_other_envs_are_not()
    {
        using var project = TempProject.Minimal();
        var settings = new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root));
        var meta = project.ReadBytes("amplify/backend/amplify-meta.json");

        settings.Set("prod", Arn).FilesWritten.Should().ContainSingle();
        project.ReadBytes("amplify/backend/amplify-meta.json").Should().Equal(meta);

        settings.Set("dev", Arn).FilesWritten.Should().HaveCount(2);
        project.Read("amplify/backend/amplify-meta.json").Should().Contain($"\"PermissionsBoundaryPolicyArn\": \"{Arn}\"");
        settings.List().Should().BeEquivalentTo(new[]
        {
            new EnvBoundary("dev", Arn, true, Arn, false),
            new EnvBoundary("prod", Arn, false, null, false),
        });
    }

    [Test]
    public void Drift_between_the_two_files_is_reported()
    {
        using var project = TempProject.Minimal(amplifyMeta: "{\"providers\":{\"awscloudformation\":{\"PermissionsBoundaryPolicyArn\":\"arn:aws:iam::123456789012:policy/Old\"}}}");
        var list = new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).List();
        list.Single(e => e.Env == "dev").Should().Be(new EnvBoundary("dev", null, true, "arn:aws:iam::123456789012:policy/Old", true));
    }

    [Test]
    public void Missing_amplify_meta_writes_team_provider_info_and_warns()
    {
        using var project = TempProject.Minimal();
        File.Delete(project.AmplifyMeta);
        var change = new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set("dev", Arn);
        change.FilesWritten.Should().Equal(project.TeamProviderInfo);
        change.Warnings.Should().ContainSingle().Which.Should().Contain("amplify-meta.json does not exist");
    }

    [Test]
    public void Creating_an_env_appends_it_in_the_files_style()
    {
        using var project = TempProject.Minimal();
        new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set("qa", Arn, createEnv: true);
        project.Read("amplify/team-provider-info.json").Should().EndWith(
            "  },\n  \"qa\": {\n    \"awscloudformation\": {\n      \"PermissionsBoundaryPolicyArn\": \"" + Arn + "\"\n    }\n  }\n}");
    }

    [Test]
    public void The_file_mode_is_kept()
    {
        using var project = TempProject.Minimal();
        File.SetUnixFileMode(project.TeamProviderInfo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set("dev", Arn);
        File.GetUnixFileMode(project.TeamProviderInfo).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Test]
    public void Concurrent_runs_lose_no_update()
    {
        using var project = TempProject.Minimal("{\n" + string.Join(",\n", Enumerable.Range(0, 8).Select(i => $"  \"e{i}\": {{\n    \"awscloudformation\": {{\n      \"Region\": \"us-east-1\"\n    }}\n  }}")) + "\n}");
        Parallel.For(0, 8, i => new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root)).Set($"e{i}", $"arn:aws:iam::123456789012:policy/B{i}"));
        var settings = new BoundarySettings(AmplifyProject.Locate(project.Root, project.Root));
        Enumerable.Range(0, 8).Select(i => settings.Get($"e{i}")).Should().Equal(Enumerable.Range(0, 8).Select(i => $"arn:aws:iam::123456789012:policy/B{i}"));
    }

    [Test]
    public void A_held_lock_fails_with_a_clear_message_after_the_timeout()
    {
        using var project = TempProject.Minimal();
        var amplify = AmplifyProject.Locate(project.Root, project.Root);
        using var held = Boundary.Files.ProjectLock.Acquire(amplify.Root, amplify.StateDir);
        var act = () => Boundary.Files.ProjectLock.Acquire(amplify.Root, amplify.StateDir, TimeSpan.FromMilliseconds(200));
        act.Should().Throw<BoundaryException>().Where(e => e.ExitCode == 3 && e.Message.Contains("another 'dotnet boundary' run"));
    }
}
