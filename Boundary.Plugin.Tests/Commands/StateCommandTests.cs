using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Commands;

/// <summary>get, set, remove and list through the real entry point, on real files in temp folders.</summary>
[Category("Unit")]
public class StateCommandTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Boundary";

    [Test]
    public void Set_get_list_remove_round_trip()
    {
        using var project = TempProject.Minimal();
        var before = project.Snapshot();
        var sub = Path.Combine(project.Root, "amplify", "backend");

        CliRunner.Run(sub, "set", Arn).ExitCode.Should().Be(0);
        CliRunner.Run(sub, "get").StdOut.Trim().Should().Be(Arn);
        CliRunner.Run(project.Root, "get", "--env", "prod").StdOut.Should().BeEmpty();
        var list = CliRunner.Run(project.Root, "list");
        list.StdOut.Should().Contain($"* dev   {Arn}").And.Contain("  prod  (none)");

        var removed = CliRunner.Run(project.Root, "remove");
        removed.ExitCode.Should().Be(0, removed.ToString());
        project.Snapshot().Should().BeEquivalentTo(before, "set then remove gives back every byte");
    }

    [Test]
    public void Json_output_is_a_stable_shape()
    {
        using var project = TempProject.Minimal();
        var set = JObject.Parse(CliRunner.Run(project.Root, "set", Arn, "--json").StdOut);
        set["ok"]!.Value<bool>().Should().BeTrue();
        set["env"]!.ToString().Should().Be("dev");
        set["permissionsBoundary"]!.ToString().Should().Be(Arn);
        set["changed"]!.Value<bool>().Should().BeTrue();
        set["filesWritten"]!.Should().HaveCount(2);

        var get = JObject.Parse(CliRunner.Run(project.Root, "get", "--json").StdOut);
        get.Should().BeEquivalentTo(JObject.FromObject(new { env = "dev", permissionsBoundary = Arn }));

        var list = JObject.Parse(CliRunner.Run(project.Root, "list", "--json").StdOut);
        list["currentEnv"]!.ToString().Should().Be("dev");
        list["envs"]!.Select(e => e["env"]!.ToString()).Should().Equal("dev", "prod");
    }

    [Test]
    public void Set_empty_removes_as_the_host_does()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "set", Arn);
        CliRunner.Run(project.Root, "set", "").ExitCode.Should().Be(0);
        project.Read("amplify/team-provider-info.json").Should().NotContain("PermissionsBoundaryPolicyArn");
    }

    [TestCase("not-an-arn")]
    [TestCase("arn:aws:iam::123456789012:policy/bad name")]
    public void A_rejected_arn_is_a_usage_error_with_the_rule_and_no_write(string arn)
    {
        using var project = TempProject.Minimal();
        var before = project.Snapshot();
        var result = CliRunner.Run(project.Root, "set", arn);
        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("Rule:").And.Contain("Example: arn:aws:iam::123456789012:policy/MyBoundary");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Malformed_json_names_file_line_and_column_and_writes_nothing()
    {
        using var project = TempProject.Minimal("{\n  \"dev\": {\n    \"awscloudformation\": {\n      \"Region\": \"us-east-1\",,\n    }\n  }\n}");
        var before = project.Snapshot();
        var result = CliRunner.Run(project.Root, "set", Arn);
        result.ExitCode.Should().Be(3);
        result.StdErr.Should().Contain("team-provider-info.json:4:").And.Contain("invalid JSON");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Malformed_amplify_meta_stops_before_team_provider_info_is_written()
    {
        using var project = TempProject.Minimal(amplifyMeta: "{ \"providers\": ");
        var before = project.Snapshot();
        var result = CliRunner.Run(project.Root, "set", Arn);
        result.ExitCode.Should().Be(3);
        result.StdErr.Should().Contain("amplify-meta.json:1:");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void A_file_that_is_not_an_object_is_refused()
    {
        using var project = TempProject.Minimal("[1, 2]");
        var result = CliRunner.Run(project.Root, "set", Arn);
        result.ExitCode.Should().Be(3);
        result.StdErr.Should().Contain("expected a JSON object at the top level");
    }

    [Test]
    public void Unknown_env_lists_the_known_ones()
    {
        using var project = TempProject.Minimal();
        var result = CliRunner.Run(project.Root, "set", Arn, "--env", "staging");
        result.ExitCode.Should().Be(2);
        result.StdErr.Should().Contain("Unknown env 'staging'").And.Contain("has dev, prod");
    }

    [Test]
    public void Missing_team_provider_info_says_what_to_do()
    {
        using var project = TempProject.Minimal();
        File.Delete(project.TeamProviderInfo);
        var result = CliRunner.Run(project.Root, "get");
        result.ExitCode.Should().Be(3);
        result.StdErr.Should().Contain("team-provider-info.json does not exist");
    }

    [Test]
    public void No_project_says_where_it_looked()
    {
        var empty = Directory.CreateTempSubdirectory("boundary-noproject-").FullName;
        try
        {
            var result = CliRunner.Run(empty, "get");
            result.ExitCode.Should().Be(3);
            result.StdErr.Should().Contain("No Amplify project found").And.Contain(empty);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Test]
    public void A_read_only_file_is_refused_and_left_alone()
    {
        using var project = TempProject.Minimal();
        File.SetUnixFileMode(project.TeamProviderInfo, UnixFileMode.UserRead);
        var before = project.Snapshot();
        var result = CliRunner.Run(project.Root, "set", Arn);
        result.ExitCode.Should().Be(3);
        result.StdErr.Should().Contain("read-only").And.Contain("chmod u+w");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Errors_are_json_too_with_json()
    {
        using var project = TempProject.Minimal();
        var result = CliRunner.Run(project.Root, "get", "--env", "nope", "--json");
        JObject.Parse(result.StdOut)["exitCode"]!.Value<int>().Should().Be(2);
    }

    [Test]
    public void Help_is_on_every_command_and_unknown_options_are_usage_errors()
    {
        foreach (var command in new[] { "get", "set", "remove", "list" })
            CliRunner.Run(".", command, "--help").StdOut.Should().Contain("Usage: dotnet-boundary " + command);
        CliRunner.Run(".", "get", "--bogus").ExitCode.Should().Be(2);
    }
}
