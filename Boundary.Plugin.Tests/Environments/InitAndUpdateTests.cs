using Boundary.Core;
using Boundary.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Environments;

[Category("Unit")]
public class InitAndUpdateTests
{
    private const string Dev = "arn:aws:iam::123456789012:policy/Dev";
    private const string New = "arn:aws-us-gov:iam::123456789012:policy/teams/New";

    private static string? Boundary(TempProject project, string env) =>
        (string?)JObject.Parse(project.Read("amplify/team-provider-info.json"))[env]?["awscloudformation"]?["PermissionsBoundaryPolicyArn"];

    private static string? MetaBoundary(TempProject project) =>
        (string?)JObject.Parse(project.Read("amplify/backend/amplify-meta.json"))["providers"]!["awscloudformation"]!["PermissionsBoundaryPolicyArn"];

    private static CliResult Interactive(TempProject project, ScriptedPrompter prompter, params string[] args) =>
        CliRunner.Run(project.Root, "", null, stdinIsTerminal: true, s => s.AddSingleton<IPrompter>(prompter), args);

    [TestCase("init")]
    [TestCase("env")]
    [TestCase("env", "add")]
    [TestCase("env", "update")]
    public void Help_works(params string[] command)
    {
        using var project = TempProject.Minimal();
        var result = CliRunner.Run(project.Root, [.. command, "--help"]);
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("Usage:");
    }

    [Test]
    public void Env_alone_shows_help_and_is_a_usage_error()
    {
        using var project = TempProject.Minimal();
        var result = CliRunner.Run(project.Root, "env");
        result.ExitCode.Should().Be(2);
        result.StdOut.Should().Contain("add").And.Contain("update");
    }

    [Test]
    public void Init_sets_the_current_env_and_mirrors_it_into_amplify_meta_without_prompting()
    {
        using var project = TempProject.Minimal();
        var prompter = new ScriptedPrompter();

        var result = Interactive(project, prompter, "init", "--permissions-boundary", Dev);

        result.ExitCode.Should().Be(0, result.ToString());
        prompter.Questions.Should().BeEmpty();
        Boundary(project, "dev").Should().Be(Dev);
        MetaBoundary(project).Should().Be(Dev);
        result.StdOut.Should().Contain("push --force");
    }

    [Test]
    public void Init_of_an_env_the_host_has_not_created_writes_nothing_and_says_what_to_run()
    {
        using var project = TempProject.Minimal();
        var before = project.Snapshot();
        var result = CliRunner.Run(project.Root, "init", "--env", "stage", "--permissions-boundary", New);
        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("decided, but not written").And.Contain($"amplify init --permissions-boundary {New}").And.Contain("--create");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Init_with_create_makes_a_missing_env_and_even_team_provider_info()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "init", "--env", "stage", "--permissions-boundary", New, "--create").ExitCode.Should().Be(0);
        Boundary(project, "stage").Should().Be(New);

        using var empty = new TempProject();
        empty.Write("amplify/.config/local-env-info.json", "{ \"envName\": \"dev\" }");
        var result = CliRunner.Run(empty.Root, "init", "--permissions-boundary", Dev, "--create");
        result.ExitCode.Should().Be(0, result.ToString());
        Boundary(empty, "dev").Should().Be(Dev);
    }

    [Test]
    public void Init_needs_the_option_and_a_valid_ARN()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "init").ExitCode.Should().Be(2);
        CliRunner.Run(project.Root, "init", "--permissions-boundary", "arn:aws:iam::1:policy/x").ExitCode.Should().Be(2);
        CliRunner.Run(project.Root, "init", "--env", "Bad_Name", "--permissions-boundary", Dev).ExitCode.Should().Be(2);
    }

    [Test]
    public void Init_json_has_the_change_report_shape()
    {
        using var project = TempProject.Minimal();
        var json = JObject.Parse(CliRunner.Run(project.Root, "init", "--permissions-boundary", Dev, "--json").StdOut);
        json.Properties().Select(p => p.Name).Should().Equal("ok", "env", "previous", "permissionsBoundary", "changed", "filesWritten", "message", "warnings");
    }

    [Test]
    public void Update_with_the_option_sets_or_removes()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "env", "update", "--permissions-boundary", New).ExitCode.Should().Be(0);
        Boundary(project, "dev").Should().Be(New);
        var result = CliRunner.Run(project.Root, "env", "update", "--env", "dev", "--permissions-boundary", "");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("Removed the permissions boundary").And.Contain("push --force");
        Boundary(project, "dev").Should().BeNull();
    }

    [TestCase(false, false, null)]
    [TestCase(true, true, null)]
    [TestCase(true, false, "true")]
    public void Update_without_the_option_cannot_prompt_non_interactively(bool terminal, bool yes, string? ci)
    {
        using var project = TempProject.Minimal();
        var prompter = new ScriptedPrompter();
        var result = CliRunner.Run(project.Root, "", new Dictionary<string, string?> { ["CI"] = ci }, terminal,
            s => s.AddSingleton<IPrompter>(prompter), ["env", "update", .. yes ? new[] { "--yes" } : []]);
        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("env update needs --permissions-boundary");
        prompter.Questions.Should().BeEmpty();
    }

    [Test]
    public void Update_prompt_shows_the_current_ARN_and_blank_removes_it()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "set", Dev).ExitCode.Should().Be(0);
        var prompter = new ScriptedPrompter("");

        var result = Interactive(project, prompter, "env", "update");

        result.ExitCode.Should().Be(0, result.ToString());
        prompter.Questions.Single().Should().Contain(Dev).And.Contain("blank removes it");
        Boundary(project, "dev").Should().BeNull();
        MetaBoundary(project).Should().BeNull();
    }

    [Test]
    public void Update_prompt_keeps_with_a_dot_and_asks_again_on_invalid_input()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "set", Dev).ExitCode.Should().Be(0);

        var keep = Interactive(project, new ScriptedPrompter("."), "env", "update");
        keep.ExitCode.Should().Be(0, keep.ToString());
        keep.StdOut.Should().Contain("nothing to change");
        Boundary(project, "dev").Should().Be(Dev);

        var prompter = new ScriptedPrompter("arn:aws:iam::123456789012:policy/has space", New);
        var change = Interactive(project, prompter, "env", "update", "--env", "dev");
        change.ExitCode.Should().Be(0, change.ToString());
        prompter.Questions.Should().HaveCount(2);
        prompter.Questions[1].Should().Contain("is not a valid IAM policy ARN");
        Boundary(project, "dev").Should().Be(New);
    }

    [Test]
    public void Update_prompt_reads_the_console_when_stdin_is_a_terminal()
    {
        using var project = TempProject.Minimal();
        var result = CliRunner.Run(project.Root, New + "\n", null, stdinIsTerminal: true, null, "env", "update", "--json");
        result.ExitCode.Should().Be(0, result.ToString());
        ((string?)JObject.Parse(result.StdOut)["permissionsBoundary"]).Should().Be(New);
        result.StdErr.Should().Contain("Permissions boundary ARN for the dev environment");
    }

    [Test]
    public void Env_add_rejects_bad_names_and_env_option()
    {
        using var project = TempProject.Minimal();
        CliRunner.Run(project.Root, "env", "add", "Prod1", "--permissions-boundary", "").ExitCode.Should().Be(2);
        CliRunner.Run(project.Root, "env", "add").ExitCode.Should().Be(2);
        CliRunner.Run(project.Root, "env", "add", "prod", "--from", "nope").ExitCode.Should().Be(2);
        CliRunner.Run(project.Root, "env", "add", "dev", "--from", "dev").ExitCode.Should().Be(2);
    }
}
