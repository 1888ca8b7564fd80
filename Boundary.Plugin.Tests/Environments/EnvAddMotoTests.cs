using System.Net.Sockets;
using System.Net;
using Boundary.Environments;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Environments;

/// <summary><c>env add</c> against a real IAM/STS emulator: every branch of the carry-over rules.</summary>
[Category("Moto")]
public class EnvAddMotoTests : MotoTestBase
{
    internal static string TeamProviderInfo(string? devBoundary, string? prodBoundary = null) =>
        "{\n  \"dev\": {\n    \"awscloudformation\": {\n" +
        (devBoundary is null ? "" : $"      \"PermissionsBoundaryPolicyArn\": \"{devBoundary}\",\n") +
        "      \"Region\": \"us-east-1\",\n      \"StackName\": \"amplify-p-dev-1\"\n    }\n  },\n  \"prod\": {\n    \"awscloudformation\": {\n" +
        (prodBoundary is null ? "" : $"      \"PermissionsBoundaryPolicyArn\": \"{prodBoundary}\",\n") +
        "      \"Region\": \"us-east-1\"\n    }\n  }\n}";

    private static string? Boundary(TempProject project, string env) =>
        (string?)JObject.Parse(project.Read("amplify/team-provider-info.json"))[env]?["awscloudformation"]?["PermissionsBoundaryPolicyArn"];

    private CliResult Run(TempProject project, params string[] args) => Run(project, "", false, null, args);

    private CliResult Run(TempProject project, string stdin, bool terminal, Dictionary<string, string?>? environment, params string[] args) =>
        CliRunner.Run(project.Root, stdin, environment ?? Profiles.Environment(Moto.Url), terminal, null, args);

    internal static string ClosedPortUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    [Test]
    public void Same_account_policy_is_copied_with_the_hosts_words_and_nothing_else_changes()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        var before = project.Read("amplify/team-provider-info.json");

        var result = Run(project, "env", "add", "prod", "--from", "dev", "--profile", "main");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the prod environment");
        result.StdOut.Should().Contain("push --force");
        result.StdErr.Should().BeEmpty();
        project.Read("amplify/team-provider-info.json").Should().Be(before.Replace(
            "\"prod\": {\n    \"awscloudformation\": {\n      \"Region\"",
            $"\"prod\": {{\n    \"awscloudformation\": {{\n      \"PermissionsBoundaryPolicyArn\": \"{arn}\",\n      \"Region\""));
    }

    [TestCase(true, TestName = "Credentials from local-aws-info: profileName")]
    [TestCase(false, TestName = "Credentials from local-aws-info: awsConfigFilePath keys file")]
    public void Credentials_come_from_the_new_envs_local_aws_info_entry(bool useProfile)
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        // dev's credentials are nowhere: only prod's entry can make the check succeed.
        var entry = useProfile
            ? "{ \"configLevel\": \"project\", \"useProfile\": true, \"profileName\": \"main\" }"
            : $"{{ \"configLevel\": \"project\", \"useProfile\": false, \"awsConfigFilePath\": \"{Profiles.WriteKeysFile("prod-keys", MotoServer.DefaultCredentials)}\" }}";
        project.Write("amplify/.config/local-aws-info.json", $"{{\n  \"dev\": {{ \"configLevel\": \"project\", \"useProfile\": true, \"profileName\": \"missing\" }},\n  \"prod\": {entry}\n}}");

        var result = Run(project, "env", "add", "prod", "--from", "dev", "--strict");

        result.ExitCode.Should().Be(0, result.ToString());
        Boundary(project, "prod").Should().Be(arn);
    }

    [TestCase(true, false)]
    [TestCase(false, false)]
    [TestCase(true, true)]
    public void NoSuchEntity_without_prompting_fails_with_the_hosts_message_and_the_fixing_command(bool yes, bool create)
    {
        var arn = $"arn:aws:iam::{MotoServer.Account}:policy/{MotoServer.UniqueName("missing")}";
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        var before = project.Snapshot();
        string[] args = ["env", "add", "prod", "--profile", "main", .. yes ? new[] { "--yes" } : [], .. create ? new[] { "--create" } : []];
        var repeated = create ? "--from dev --create --profile main" : "--from dev --profile main";

        var result = Run(project, "", terminal: !yes ? false : true, null, args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain(EnvLifecycle.HostRequiredMessage);
        result.StdErr.Should().Contain($"Permissions boundary {arn} from the dev environment cannot be applied to resources in the prod environment");
        result.StdErr.Should().Contain("NoSuchEntity");
        result.StdErr.Should().Contain($"Fix: dotnet boundary env add prod {repeated} --permissions-boundary arn:aws:iam::123456789012:policy/<name>");
        result.StdErr.Should().Contain($"dotnet boundary env add prod {repeated} --permissions-boundary ''");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void NoSuchEntity_interactively_asks_until_the_answer_is_a_valid_reachable_ARN()
    {
        var missing = $"arn:aws:iam::{MotoServer.Account}:policy/{MotoServer.UniqueName("missing")}";
        var good = Moto.CreatePolicy(MotoServer.UniqueName("good"));
        using var project = TempProject.Minimal(TeamProviderInfo(missing));

        var result = Run(project, $"\nnot-an-arn\n{missing}\n{good}\n", terminal: true, null, "env", "add", "prod", "--profile", "main");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("cannot be applied to resources in the prod environment");
        result.StdOut.Should().Contain("A permissions boundary ARN is required here");
        result.StdOut.Should().Contain("'not-an-arn' is not a valid IAM policy ARN");
        result.StdOut.Should().Contain($"{missing} cannot be used: IAM says no such policy exists");
        result.StdOut.Should().Contain($"Permissions boundary {good} applied to the prod environment.");
        Boundary(project, "prod").Should().Be(good);
    }

    [Test]
    public void Cross_account_is_not_reachable_and_the_message_says_why()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        Profiles.Add("other", Moto.AssumeRole(OtherAccount));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));

        var result = Run(project, "env", "add", "prod", "--profile", "other", "--yes");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain($"the policy belongs to account {MotoServer.Account}, and the environment's credentials act in account {OtherAccount} (cross-account");
        result.StdErr.Should().Contain(EnvLifecycle.HostRequiredMessage);
        result.StdErr.Should().Contain($"--permissions-boundary arn:aws:iam::{OtherAccount}:policy/<name>");
        result.StdErr.Should().NotContain("same path and name");
        Boundary(project, "prod").Should().BeNull();
    }

    [Test]
    public void Cross_account_names_the_same_path_and_name_policy_of_the_new_account_in_the_error()
    {
        var name = MotoServer.UniqueName("boundary");
        var assumed = Moto.AssumeRole(OtherAccount);
        var arn = Moto.CreatePolicy(name, path: "/teams/platform/");
        var theirs = Moto.CreatePolicy(name, assumed, path: "/teams/platform/");
        theirs.Should().Be($"arn:aws:iam::{OtherAccount}:policy/teams/platform/{name}");
        Profiles.Add("other", assumed);
        using var project = TempProject.Minimal(TeamProviderInfo(arn));

        var result = Run(project, "env", "add", "prod", "--profile", "other", "--yes");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain($"A policy with the same path and name exists in account {OtherAccount}: {theirs}");
        result.StdErr.Should().Contain($"Fix: dotnet boundary env add prod --from dev --profile other --permissions-boundary {theirs}");
    }

    [Test]
    public void Cross_account_prompt_offers_the_same_name_policy_as_default_and_refuses_other_accounts()
    {
        var name = MotoServer.UniqueName("boundary");
        var assumed = Moto.AssumeRole(OtherAccount);
        var arn = Moto.CreatePolicy(name);
        var theirs = Moto.CreatePolicy(name, assumed);
        Profiles.Add("other", assumed);
        using var project = TempProject.Minimal(TeamProviderInfo(arn));

        // First the dev ARN again (another account: refused), then Enter: the offered default.
        var result = Run(project, $"{arn}\n\n", terminal: true, null, "env", "add", "prod", "--profile", "other");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain($"[{theirs}]");
        result.StdOut.Should().Contain($"{arn} cannot be used: the policy belongs to account {MotoServer.Account}");
        Boundary(project, "prod").Should().Be(theirs);
    }

    [Test]
    public void Explicit_empty_boundary_means_none_and_calls_nothing()
    {
        using var project = TempProject.Minimal(TeamProviderInfo("arn:aws:iam::123456789012:policy/Dev", prodBoundary: "arn:aws:iam::123456789012:policy/Old"));

        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod", "--permissions-boundary", "", "--strict");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("The prod environment has no permissions boundary (--permissions-boundary '')");
        Boundary(project, "prod").Should().BeNull();
        Boundary(project, "dev").Should().Be("arn:aws:iam::123456789012:policy/Dev");
    }

    [Test]
    public void Explicit_boundary_is_used_without_any_call()
    {
        using var project = TempProject.Minimal(TeamProviderInfo("arn:aws:iam::123456789012:policy/Dev"));

        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod", "--permissions-boundary", "arn:aws-cn:iam::123456789012:policy/Cn", "--strict");

        result.ExitCode.Should().Be(0, result.ToString());
        Boundary(project, "prod").Should().Be("arn:aws-cn:iam::123456789012:policy/Cn");
    }

    [Test]
    public void Explicit_invalid_boundary_is_a_usage_error()
    {
        using var project = TempProject.Minimal(TeamProviderInfo(null));
        var result = Run(project, "env", "add", "prod", "--permissions-boundary", "arn:aws:iam::123:policy/x");
        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("is not a valid permissions boundary ARN");
    }

    [Test]
    public void Source_without_boundary_does_nothing_and_says_so()
    {
        using var project = TempProject.Minimal(TeamProviderInfo(null));
        var before = project.Snapshot();

        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("The dev environment has no permissions boundary, so none is carried over to the prod environment.");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    // An env already listed keeps its own boundary when none is carried over, and the result says so:
    // a script reading null would take it for an env without one.
    [Test]
    public void Source_without_boundary_reports_the_boundary_the_listed_env_keeps()
    {
        const string Keep = "arn:aws:iam::123456789012:policy/Keep";
        using var project = TempProject.Minimal(TeamProviderInfo(null, Keep));
        var before = project.Snapshot();

        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod", "--from", "dev", "--yes", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var document = JObject.Parse(result.StdOut);
        document["decision"]!.ToString().Should().Be("sourceHasNone");
        document["previous"]!.ToString().Should().Be(Keep);
        document["permissionsBoundary"]!.ToString().Should().Be(Keep);
        document["changed"]!.Value<bool>().Should().BeFalse();
        document["message"]!.ToString().Should().Contain($"which keeps its own ({Keep})");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [TestCase("arn:aws:iam::aws:policy/PowerUserAccess")]
    [TestCase("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")]
    public void AWS_managed_policies_are_reachable_everywhere_without_a_call(string arn)
    {
        using var project = TempProject.Minimal(TeamProviderInfo(arn));

        // Any call would fail (closed port) and warn, or fail under --strict.
        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod", "--profile", "main", "--strict");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdErr.Should().BeEmpty();
        Boundary(project, "prod").Should().Be(arn);
    }

    [Test]
    public void AWS_managed_policy_of_another_partition_is_not_reachable()
    {
        using var project = TempProject.Minimal(TeamProviderInfo("arn:aws:iam::aws:policy/PowerUserAccess"));

        var result = Run(project, "", false, Profiles.Environment(ClosedPortUrl()), "env", "add", "prod", "--profile", "main", "--region", "cn-north-1", "--yes");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("partition aws-cn");
    }

    [Test]
    public void A_new_env_the_host_has_not_created_is_decided_but_not_written_since_the_host_would_then_fail()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        var before = project.Snapshot();

        var result = Run(project, "env", "add", "test", "--profile", "main");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the test environment: decided, but not written")
            .And.Contain($"--permissions-boundary {arn} --yes").And.Contain("--create");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void With_create_a_new_env_missing_from_team_provider_info_gets_a_block_with_just_the_boundary()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        var before = project.Read("amplify/team-provider-info.json");

        var result = Run(project, "env", "add", "test", "--profile", "main", "--create");

        result.ExitCode.Should().Be(0, result.ToString());
        var after = project.Read("amplify/team-provider-info.json");
        after.Should().StartWith(before[..before.LastIndexOf('}')].TrimEnd());
        var test = JObject.Parse(after)["test"]!;
        test.ToString(Newtonsoft.Json.Formatting.None).Should().Be($"{{\"awscloudformation\":{{\"PermissionsBoundaryPolicyArn\":\"{arn}\"}}}}");
    }

    [Test]
    public void No_network_is_a_warning_and_the_boundary_is_copied_as_the_host_does_strict_makes_it_an_error()
    {
        using var project = TempProject.Minimal(TeamProviderInfo("arn:aws:iam::123456789012:policy/Dev"));
        var environment = Profiles.Environment(ClosedPortUrl());

        var strict = Run(project, "", false, environment, "env", "add", "prod", "--profile", "main", "--strict");
        strict.ExitCode.Should().Be(4, strict.ToString());
        strict.StdErr.Should().Contain("--strict makes this an error");
        Boundary(project, "prod").Should().BeNull();

        var result = Run(project, "", false, environment, "env", "add", "prod", "--profile", "main");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdErr.Should().Contain("warning: Could not check that permissions boundary");
        result.StdErr.Should().Contain("NetworkError");
        Boundary(project, "prod").Should().Be("arn:aws:iam::123456789012:policy/Dev");
    }

    [Test]
    public void Json_output_has_the_decision_and_the_reachability()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));

        var result = Run(project, "env", "add", "prod", "--profile", "main", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = JObject.Parse(result.StdOut);
        ((string?)json["decision"]).Should().Be("copied");
        ((string?)json["from"]).Should().Be("dev");
        ((string?)json["permissionsBoundary"]).Should().Be(arn);
        ((string?)json["reachability"]!["status"]).Should().Be("reachable");
        ((string?)json["reachability"]!["account"]).Should().Be(MotoServer.Account);
        ((bool)json["changed"]!).Should().BeTrue();
    }

    [Test]
    public void The_packed_tool_carries_the_boundary_over_against_the_emulator()
    {
        var arn = Moto.CreatePolicy(MotoServer.UniqueName("boundary"));
        using var project = TempProject.Minimal(TeamProviderInfo(arn));
        var environment = Profiles.Environment(Moto.Url);
        environment["AWS_PROFILE"] = "main";

        var result = PackedTool.Run(project.Root, ["env", "add", "prod", "--strict"], environment: environment, bareEnvironment: true);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the prod environment");
        Boundary(project, "prod").Should().Be(arn);
    }
}
