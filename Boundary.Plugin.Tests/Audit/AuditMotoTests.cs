using Boundary.Aws;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Audit;

/// <summary>
/// <c>audit</c> against a real CloudFormation/IAM/S3 emulator: an Amplify-like root stack with nested
/// stacks (templates uploaded to S3) whose roles carry the boundary, another one, or none.
/// </summary>
[Category("Moto")]
public class AuditMotoTests : MotoTestBase
{
    /// <summary>What a deployed test env holds: its root stack and which roles should be findings.</summary>
    internal sealed record DeployedEnv(string StackName, string Boundary, string AuthRole, string UnauthRole, IReadOnlyList<string> Missing, IReadOnlyList<string> Different, int RoleCount);

    /// <summary>
    /// Root stack: AuthRole (with the boundary), UnauthRole (without), and a nested "function" stack of
    /// <paramref name="functionRoles"/> roles (two without a boundary) that nests a "custom" stack with one
    /// role of another boundary and one without: three levels, every kind of finding.
    /// </summary>
    internal static DeployedEnv DeployEnv(MotoServer Moto, int functionRoles = 12)
    {
        var name = MotoServer.UniqueName("amplify-p-dev");
        var bucket = MotoServer.UniqueName("deployment").ToLowerInvariant();
        var boundary = Moto.CreatePolicy(MotoServer.UniqueName("Boundary"));
        var other = Moto.CreatePolicy(MotoServer.UniqueName("Other"));
        var missing = new List<string>();
        var different = new List<string>();

        var custom = Moto.Upload(bucket, "custom.json", MotoStacks.Template([
            new TemplateRole("ReportsRole", name + "-reports", other),
            new TemplateRole("AuditTrailRole", name + "-audittrail"),
        ]));
        different.Add(name + "-reports");
        missing.Add(name + "-audittrail");
        var roles = Enumerable.Range(0, functionRoles).Select(i =>
            new TemplateRole($"LambdaExecutionRole{i}", $"{name}-fn{i}", i < 2 ? null : boundary)).ToList();
        missing.AddRange(roles.Where(r => r.Boundary is null).Select(r => r.RoleName!));
        var function = Moto.Upload(bucket, "function.json", MotoStacks.Template(roles, [("customauditTrail", custom)]));
        Moto.CreateStack(name, MotoStacks.Template([
            new TemplateRole("AuthRole", name + "-authRole", boundary),
            new TemplateRole("UnauthRole", name + "-unauthRole"),
        ], [("functiondemoFn", function)]));
        missing.Add(name + "-unauthRole");
        return new DeployedEnv(name, boundary, name + "-authRole", name + "-unauthRole", missing, different, functionRoles + 4);
    }

    internal static string TeamProviderInfo(DeployedEnv env, string? boundary = "<env>", string envName = "dev", string? extra = null) =>
        $$"""
        {
          "{{envName}}": {
            "awscloudformation": {
              {{(boundary is null ? "" : $"\"PermissionsBoundaryPolicyArn\": \"{(boundary == "<env>" ? env.Boundary : boundary)}\",")}}
              "Region": "us-east-1",
              "StackName": "{{env.StackName}}",
              "AuthRoleName": "{{env.AuthRole}}",
              "UnauthRoleName": "{{env.UnauthRole}}"
            }
          }{{extra ?? ""}}
        }
        """;

    private CliResult Run(TempProject project, params string[] args) => Run(project, "", false, args);

    private CliResult Run(TempProject project, string stdin, bool terminal, params string[] args) =>
        CliRunner.Run(project.Root, stdin, Profiles.Environment(Moto.Url), terminal, null, args);

    [Test]
    public void Audit_lists_the_findings_fix_puts_the_boundary_on_them_and_a_second_audit_is_clean()
    {
        var env = DeployEnv(Moto);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var audit = Run(project, "audit", "--profile", "main", "--verbose");

        audit.ExitCode.Should().Be(1, audit.ToString());
        audit.StdOut.Should().Contain($"env dev (account {MotoServer.Account}, us-east-1): stack {env.StackName}, 3 stacks, {env.RoleCount} roles");
        audit.StdOut.Should().Contain($"expected boundary: {env.Boundary}");
        foreach (var role in env.Missing)
            audit.StdOut.Should().MatchRegex($@"missing\s+{role}\s");
        foreach (var role in env.Different)
            audit.StdOut.Should().MatchRegex($@"different\s+{role}\s.*has arn:aws:iam::{MotoServer.Account}:policy/Other");
        audit.StdOut.Should().Contain($"{env.Missing.Count + env.Different.Count} of {env.RoleCount} deployed roles fall short of the boundary.");
        audit.StdOut.Should().Contain("dotnet boundary audit --env dev --fix");
        // 16 roles: one bulk read of the account, no GetRole; one ListStackResources per stack.
        audit.StdOut.Should().MatchRegex(@"AWS requests: 4 \(cloudformation:ListStackResources 3, iam:GetAccountAuthorizationDetails 1\)");

        var fix = Run(project, "audit", "--profile", "main", "--fix", "--yes");

        fix.ExitCode.Should().Be(0, fix.ToString());
        fix.StdOut.Should().Contain($"Fixed {env.Missing.Count + env.Different.Count} roles; 0 still fall short of the boundary.");
        fix.StdErr.Should().Contain("warning: The changed roles now differ from their stacks' templates");
        Moto.GetRole(env.UnauthRole).PermissionsBoundaryArn.Should().Be(env.Boundary);
        Moto.GetRole(env.Different[0]).PermissionsBoundaryArn.Should().Be(env.Boundary);

        var again = Run(project, "audit", "--profile", "main");

        again.ExitCode.Should().Be(0, again.ToString());
        again.StdOut.Should().Contain($"Every one of the {env.RoleCount} deployed roles carries the expected boundary.");
        again.StdErr.Should().BeEmpty();
    }

    // A cloned project's team-provider-info can name any role of the account as AuthRoleName: checked and
    // reported, never changed by --fix unless one of the env's stacks holds it.
    [Test]
    public void Fix_never_changes_a_role_named_only_in_team_provider_info()
    {
        var env = DeployEnv(Moto);
        var outsider = env.StackName + "-admin";
        Moto.CreateStack(env.StackName + "-other", MotoStacks.Template([new TemplateRole("Admin", outsider)]));
        using var project = TempProject.Minimal(TeamProviderInfo(env).Replace($"\"AuthRoleName\": \"{env.AuthRole}\"", $"\"AuthRoleName\": \"{outsider}\"", StringComparison.Ordinal));

        var fix = Run(project, "audit", "--profile", "main", "--fix", "--yes");

        fix.ExitCode.Should().Be(1, fix.ToString());
        fix.StdOut.Should().MatchRegex($@"missing\s+{outsider}\s");
        Moto.GetRole(outsider).PermissionsBoundaryArn.Should().BeNull("a role outside the env's stacks is never changed");
        Moto.GetRole(env.UnauthRole).PermissionsBoundaryArn.Should().Be(env.Boundary, "the env's own roles are fixed");
    }

    // Two envs given one stack: --fix would put each env's boundary on the same roles in turn and report
    // both as fixed while IAM keeps only the last.
    [Test]
    public void Fix_refuses_a_role_that_two_envs_claim_and_changes_nothing()
    {
        var env = DeployEnv(Moto);
        var other = $"arn:aws:iam::{MotoServer.Account}:policy/Other";
        var prod = ",\n  \"prod\": { \"awscloudformation\": { \"PermissionsBoundaryPolicyArn\": \"" + other + "\", \"Region\": \"us-east-1\", \"StackName\": \"" + env.StackName + "\" } }";
        using var project = TempProject.Minimal(TeamProviderInfo(env, extra: prod));

        var fix = Run(project, "audit", "--profile", "main", "--all-envs", "--fix", "--yes");

        fix.ExitCode.Should().Be(3, fix.ToString());
        fix.StdErr.Should().Contain("of env 'dev' and of env 'prod'").And.Contain("Nothing was changed");
        Moto.GetRole(env.UnauthRole).PermissionsBoundaryArn.Should().BeNull();
    }

    [Test]
    public void A_handful_of_roles_is_read_with_GetRole_and_a_role_that_is_gone_is_reported()
    {
        var name = MotoServer.UniqueName("amplify-small");
        var boundary = Moto.CreatePolicy(MotoServer.UniqueName("Boundary"));
        Moto.CreateStack(name, MotoStacks.Template([new TemplateRole("AuthRole", name + "-authRole", boundary)]));
        var env = new DeployedEnv(name, boundary, name + "-authRole", name + "-gone", [], [], 2);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = Run(project, "audit", "--profile", "main", "--verbose", "--fix", "--yes");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdOut.Should().MatchRegex($@"ok\s+{env.AuthRole}\s+\(stack {name}, AuthRole\)");
        result.StdOut.Should().MatchRegex($@"not found\s+{env.UnauthRole}\s+\(team-provider-info UnauthRoleName\)");
        result.StdOut.Should().Contain("AWS requests: 3 (cloudformation:ListStackResources 1, iam:GetRole 2)");
        result.StdOut.Should().Contain("1 of 2 deployed roles falls short of the boundary.");
        result.StdOut.Should().NotContain("--fix\n");
    }

    [Test]
    public void Json_output_has_every_role_with_its_status_and_the_call_counts()
    {
        var env = DeployEnv(Moto);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = Run(project, "audit", "--profile", "main", "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdErr.Should().BeEmpty();
        var json = JObject.Parse(result.StdOut);
        ((bool)json["ok"]!).Should().BeFalse();
        ((int)json["exitCode"]!).Should().Be(1);
        ((int)json["findings"]!).Should().Be(env.Missing.Count + env.Different.Count);
        var dev = (JObject)json["envs"]!.Single();
        ((string?)dev["env"]).Should().Be("dev");
        ((string?)dev["stackName"]).Should().Be(env.StackName);
        ((string?)dev["account"]).Should().Be(MotoServer.Account);
        ((string?)dev["expectedBoundary"]).Should().Be(env.Boundary);
        ((int)dev["stacks"]!).Should().Be(3);
        dev["summary"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            $"{{\"roles\":{env.RoleCount},\"ok\":{env.RoleCount - 5},\"missing\":4,\"different\":1,\"notFound\":0,\"serviceLinked\":0,\"fixed\":0}}");
        var roles = dev["roles"]!.ToDictionary(r => (string)r["roleName"]!);
        roles.Should().HaveCount(env.RoleCount);
        var different = roles[env.Different[0]];
        ((string?)different["status"]).Should().Be("different");
        ((string?)different["actualBoundary"]).Should().Contain(":policy/Other");
        ((string?)different["logicalId"]).Should().Be("ReportsRole");
        ((string?)different["stack"]).Should().StartWith(env.StackName + "-functiondemoFn-").And.Contain("-customauditTrail-");
        ((string?)different["roleArn"]).Should().Be($"arn:aws:iam::{MotoServer.Account}:role/{env.Different[0]}");
        ((string?)roles[env.AuthRole]["status"]).Should().Be("ok");
        ((string?)roles[env.UnauthRole]["status"]).Should().Be("missing");
        ((string?)roles[env.UnauthRole]["stack"]).Should().Be(env.StackName);
        ((int)json["apiCalls"]!["byOperation"]!["cloudformation:ListStackResources"]!).Should().Be(3);
        ((int)json["apiCalls"]!["byOperation"]!["iam:GetAccountAuthorizationDetails"]!).Should().Be(1);
        ((int)json["apiCalls"]!["total"]!).Should().Be(4);
    }

    [Test]
    public void Sarif_output_is_a_2_1_0_log_with_a_rule_per_finding_kind_and_logical_locations()
    {
        var env = DeployEnv(Moto);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = Run(project, "audit", "--profile", "main", "--format", "sarif");

        result.ExitCode.Should().Be(1, result.ToString());
        var log = JObject.Parse(result.StdOut);
        ((string?)log["version"]).Should().Be("2.1.0");
        ((string?)log["$schema"]).Should().Contain("sarif-schema-2.1.0.json");
        var run = (JObject)log["runs"]!.Single();
        ((string?)run["tool"]!["driver"]!["name"]).Should().Be("dotnet-boundary");
        var rules = run["tool"]!["driver"]!["rules"]!.Select(r => ((string)r["id"]!, (string)r["properties"]!["kind"]!)).ToList();
        rules.Should().Equal(("BA001", "missing"), ("BA002", "different"), ("BA003", "notFound"));
        var results = run["results"]!.ToList();
        results.Should().HaveCount(5);
        results.Count(r => (string?)r["ruleId"] == "BA001").Should().Be(4);
        var different = results.Single(r => (string?)r["ruleId"] == "BA002");
        ((int)different["ruleIndex"]!).Should().Be(1);
        ((string?)different["level"]).Should().Be("error");
        ((string?)different["message"]!["text"]).Should().Contain(env.Different[0]).And.Contain($"expected {env.Boundary}");
        var location = different["locations"]!.Single();
        ((string?)location["physicalLocation"]!["artifactLocation"]!["uri"]).Should().Be("amplify/team-provider-info.json");
        var logical = location["logicalLocations"]!.ToList();
        ((string?)logical[0]["fullyQualifiedName"]).Should().Be($"arn:aws:iam::{MotoServer.Account}:role/{env.Different[0]}");
        ((string?)logical[0]["kind"]).Should().Be("resource");
        ((string?)logical[1]["name"]).Should().Contain("-customauditTrail-");
        ((bool)run["invocations"]![0]!["executionSuccessful"]!).Should().BeTrue();
    }

    [Test]
    public void All_envs_spans_two_accounts_each_with_its_own_credentials_and_fix_reaches_both()
    {
        var dev = DeployEnv(Moto, functionRoles: 2);
        var assumed = Moto.AssumeRole(OtherAccount);
        Profiles.Add("other", assumed, region: "us-east-1");
        var prodStack = MotoServer.UniqueName("amplify-p-prod");
        var prodBoundary = Moto.CreatePolicy(MotoServer.UniqueName("ProdBoundary"), assumed);
        Moto.CreateStack(prodStack, MotoStacks.Template([
            new TemplateRole("AuthRole", prodStack + "-authRole", prodBoundary),
            new TemplateRole("UnauthRole", prodStack + "-unauthRole"),
        ]), assumed);
        var prodEntry = $$"""
            ,
              "prod": {
                "awscloudformation": {
                  "PermissionsBoundaryPolicyArn": "{{prodBoundary}}",
                  "Region": "us-east-1",
                  "StackName": "{{prodStack}}"
                }
              },
              "test": { "awscloudformation": { "Region": "us-east-1" } }
            """;
        using var project = TempProject.Minimal(TeamProviderInfo(dev, extra: prodEntry));
        project.Write("amplify/.config/local-aws-info.json", """
            {
              "dev": { "configLevel": "project", "useProfile": true, "profileName": "main" },
              "prod": { "configLevel": "project", "useProfile": true, "profileName": "other" }
            }
            """);

        var result = Run(project, "audit", "--all-envs", "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        var envs = JObject.Parse(result.StdOut)["envs"]!.ToDictionary(e => (string)e["env"]!);
        ((string?)envs["dev"]["account"]).Should().Be(MotoServer.Account);
        ((int)envs["dev"]["summary"]!["missing"]!).Should().Be(dev.Missing.Count);
        ((string?)envs["prod"]["account"]).Should().Be(OtherAccount);
        ((string?)envs["prod"]["credentials"]).Should().Contain("'other'");
        ((int)envs["prod"]["summary"]!["ok"]!).Should().Be(1);
        ((int)envs["prod"]["summary"]!["missing"]!).Should().Be(1);
        ((string?)envs["test"]["skipped"]).Should().Be("no permissions boundary in team-provider-info");

        var text = Run(project, "audit", "--all-envs");
        text.StdOut.Should().Contain("env test: skipped: no permissions boundary in team-provider-info.");
        text.StdOut.Should().Contain("dotnet boundary audit --all-envs --fix");

        var fix = Run(project, "audit", "--all-envs", "--fix", "--yes");

        fix.ExitCode.Should().Be(0, fix.ToString());
        Moto.GetRole(prodStack + "-unauthRole", assumed).PermissionsBoundaryArn.Should().Be(prodBoundary);
        Moto.GetRole(dev.UnauthRole).PermissionsBoundaryArn.Should().Be(dev.Boundary);
        Run(project, "audit", "--all-envs").ExitCode.Should().Be(0);
    }

    [Test]
    public void Fix_asks_first_listing_the_roles_and_a_no_changes_nothing()
    {
        var env = DeployEnv(Moto, functionRoles: 2);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var declined = Run(project, "n\n", terminal: true, "audit", "--profile", "main", "--fix");

        declined.ExitCode.Should().Be(1, declined.ToString());
        declined.StdOut.Should().Contain($"--fix will put the permissions boundary on {env.Missing.Count + env.Different.Count} roles:");
        declined.StdOut.Should().Contain($"  env dev: {env.Boundary}");
        declined.StdOut.Should().Contain($"    {env.UnauthRole} (no boundary)");
        declined.StdOut.Should().MatchRegex($@"    {env.Different[0]} \(now arn:aws:iam::{MotoServer.Account}:policy/Other");
        declined.StdOut.Should().Contain("Put the boundary on these roles? (y/N)");
        declined.StdOut.Should().Contain("Nothing was changed.");
        Moto.GetRole(env.UnauthRole).PermissionsBoundaryArn.Should().BeNull();

        var accepted = Run(project, "y\n", terminal: true, "audit", "--profile", "main", "--fix");

        accepted.ExitCode.Should().Be(0, accepted.ToString());
        Moto.GetRole(env.UnauthRole).PermissionsBoundaryArn.Should().Be(env.Boundary);
    }

    [Test]
    public void Fix_without_a_terminal_and_without_yes_is_a_usage_error_before_any_call()
    {
        var env = new DeployedEnv("amplify-p-dev-1", "arn:aws:iam::123456789012:policy/B", "a", "u", [], [], 0);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = CliRunner.Run(project.Root, "", Profiles.Environment(EnvironmentsClosedPort()), "audit", "--profile", "main", "--fix");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("pass --yes");
    }

    [Test]
    public void Service_linked_roles_are_reported_but_never_a_finding_nor_touched()
    {
        var name = MotoServer.UniqueName("amplify-slr");
        var boundary = Moto.CreatePolicy(MotoServer.UniqueName("Boundary"));
        var linked = Moto.Query(AwsServiceInfo.Iam).InvokeAsync("CreateServiceLinkedRole", new QueryParameters()
            .Add("AWSServiceName", "elasticbeanstalk.amazonaws.com").Add("CustomSuffix", name[^8..])).GetAwaiter().GetResult();
        var linkedName = linked.Child("Role")!.RequiredText("RoleName");
        Moto.CreateStack(name, MotoStacks.Template([new TemplateRole("AuthRole", name + "-authRole")]));
        var env = new DeployedEnv(name, boundary, name + "-authRole", linkedName, [], [], 2);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = Run(project, "audit", "--profile", "main", "--fix", "--yes", "--verbose");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().MatchRegex($@"service-linked\s+{linkedName}");
        result.StdOut.Should().MatchRegex($@"fixed\s+{env.AuthRole}");
        result.StdOut.Should().Contain("iam:PutRolePermissionsBoundary 1");
        Moto.GetRole(linkedName).PermissionsBoundaryArn.Should().BeNull();
    }

    [Test]
    public void An_env_without_a_boundary_is_a_usage_error_unless_arn_is_given()
    {
        var env = DeployEnv(Moto, functionRoles: 2);
        using var project = TempProject.Minimal(TeamProviderInfo(env, boundary: null));

        var none = Run(project, "audit", "--profile", "main");
        none.ExitCode.Should().Be(2, none.ToString());
        none.StdErr.Should().Contain("Env 'dev' has no permissions boundary in team-provider-info").And.Contain("--arn");

        var withArn = Run(project, "audit", "--profile", "main", "--arn", env.Boundary, "--json");
        withArn.ExitCode.Should().Be(1, withArn.ToString());
        ((string?)JObject.Parse(withArn.StdOut)["envs"]![0]!["expectedBoundary"]).Should().Be(env.Boundary);
    }

    [Test]
    public void A_root_stack_that_does_not_exist_is_an_AWS_error_that_says_where_it_looked()
    {
        var env = new DeployedEnv(MotoServer.UniqueName("amplify-nowhere"), "arn:aws:iam::123456789012:policy/B", "a", "u", [], [], 0);
        using var project = TempProject.Minimal(TeamProviderInfo(env));

        var result = Run(project, "audit", "--profile", "main");

        result.ExitCode.Should().Be(4, result.ToString());
        result.StdErr.Should().Contain($"env 'dev': the root stack '{env.StackName}' does not exist (credentials: profile 'main'");
        result.StdErr.Should().Contain("region us-east-1");
    }

    [Test]
    public void Options_are_checked_and_help_works()
    {
        using var project = TempProject.Minimal();
        Run(project, "audit", "--help").StdOut.Should().Contain("--all-envs").And.Contain("--fix").And.Contain("sarif");
        Run(project, "audit", "--all-envs", "--env", "dev").ExitCode.Should().Be(2);
        Run(project, "audit", "--all-envs", "--arn", "arn:aws:iam::123456789012:policy/B").ExitCode.Should().Be(2);
        Run(project, "audit", "--format", "xml").ExitCode.Should().Be(2);
        Run(project, "audit", "--json", "--format", "sarif").ExitCode.Should().Be(2);
        Run(project, "audit", "--arn", "arn:aws:iam::1:policy/B").ExitCode.Should().Be(2);
    }

    [Test]
    public void The_packed_tool_audits_against_the_emulator()
    {
        var env = DeployEnv(Moto, functionRoles: 2);
        using var project = TempProject.Minimal(TeamProviderInfo(env));
        var environment = Profiles.Environment(Moto.Url);
        environment["AWS_PROFILE"] = "main";

        var result = PackedTool.Run(project.Root, ["audit", "--json"], environment: environment, bareEnvironment: true);

        result.ExitCode.Should().Be(1, result.ToString());
        var json = JObject.Parse(result.StdOut);
        ((int)json["findings"]!).Should().Be(env.Missing.Count + env.Different.Count);
        ((string?)json["envs"]![0]!["account"]).Should().Be(MotoServer.Account);
    }

    private static string EnvironmentsClosedPort() => Boundary.Tests.Environments.EnvAddMotoTests.ClosedPortUrl();
}
