using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Organizations;

/// <summary>
/// The organisation features against a private moto holding a real organisation (see <see cref="MotoOrganization"/>):
/// the SCP walk per account, --check-org and verify --org, env add across accounts, and audit --organization.
/// </summary>
[TestFixture]
[Category("Moto")]
[NonParallelizable]
public class OrganizationMotoTests
{
    private MotoOrganization org = null!;
    private AwsTestProfiles profiles = null!;

    [OneTimeSetUp]
    public void BuildOrganisation()
    {
        org = new MotoOrganization(MotoServer.Start());
        profiles = new AwsTestProfiles()
            .Add("org", MotoServer.AccessKey, MotoServer.SecretKey, region: "us-east-1")
            .Add("prod1", org.Member(org.Prod1), "us-east-1")
            .Add("prod2", org.Member(org.Prod2), "us-east-1")
            .Add("dev1", org.Member(org.Dev1), "us-east-1");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        profiles?.Dispose();
        org?.Dispose();
    }

    private CliResult Run(string workingDirectory, params string[] args) =>
        CliRunner.Run(workingDirectory, "", profiles.Environment(org.Moto.Url), args);

    /// <summary>Runs where no project is (the organisation's commands need none).</summary>
    private CliResult RunOutsideProject(params string[] args) => Run(profiles.Dir, args);

    /// <summary>A project whose env 'dev' (account <paramref name="account"/>'s profile) has <paramref name="boundary"/>.</summary>
    private static TempProject Project(string profile, string? boundary)
    {
        var project = TempProject.Minimal($$"""
            { "dev": { "awscloudformation": { {{(boundary is null ? "" : $"\"PermissionsBoundaryPolicyArn\": \"{boundary}\",")}} "Region": "us-east-1", "StackName": "amplify-shop-dev" } } }
            """);
        File.WriteAllText(Path.Combine(project.Root, "amplify", ".config", "local-aws-info.json"),
            $$"""{ "dev": { "configLevel": "project", "useProfile": true, "profileName": "{{profile}}" }, "prod": { "configLevel": "project", "useProfile": true, "profileName": "prod1" } }""");
        return project;
    }

    [Test]
    public void Requirements_of_a_prod_account_name_the_exact_arn_and_the_policy_and_statement()
    {
        var result = RunOutsideProject("org", "requirements", "--account", org.Prod1, "--profile", "org");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain($"Required boundary: {org.Boundary(org.Prod1)}");
        result.StdOut.Should().Contain($"requires a boundary ARN: policy RequireOrgBoundary (p-");
        result.StdOut.Should().Contain($"statement 'OrgBoundaryOnly', attached to OU {org.ProdOu}");
        result.StdOut.Should().Contain($"requires any boundary: policy RequireAnyBoundary");
        result.StdOut.Should().Contain("exempt: principals where aws:PrincipalArn ArnNotLike arn:aws:iam::*:role/OrgAdmin");
        result.StdOut.Should().Contain("protects boundaries: policy RequireAnyBoundary");
        result.StdOut.Should().Contain($"SCPs: root {org.RootId} [FullAWSAccess, RequireAnyBoundary] > OU {org.ProdOu} [FullAWSAccess, RequireOrgBoundary] > account {org.Prod1} [FullAWSAccess]");
    }

    [Test]
    public void Requirements_as_json_per_account_follow_the_root_and_ou_policies()
    {
        JObject Json(string account)
        {
            var result = RunOutsideProject("org", "requirements", "--account", account, "--profile", "org", "--json");
            result.ExitCode.Should().Be(0, result.ToString());
            return JObject.Parse(result.StdOut);
        }

        var prod = Json(org.Prod2);
        ((string?)prod["requiredArn"]).Should().Be(org.Boundary(org.Prod2), "${aws:PrincipalAccount} is resolved for each account");
        ((bool)prod["requiresBoundary"]!).Should().BeTrue();

        var dev = Json(org.Dev1);
        ((string?)dev["required"]).Should().Be("arn:aws:iam::*:policy/DevBoundary*");
        ((string?)dev["requiredArn"]).Should().BeNull();
        var devStatement = dev["statements"]!.Single(s => (string?)s["statement"] == "statement 'DevBoundaries'");
        ((string?)devStatement["kind"]).Should().Be("RequiresArn");
        devStatement["notActions"]!.Select(a => (string?)a).Should().Equal("iam:Get*", "iam:List*");
        devStatement["resources"]!.Select(a => (string?)a).Should().Equal("arn:aws:iam::*:role/amplify-*");

        var loose = Json(org.Loose);
        ((string?)loose["required"]).Should().Be("any boundary");
        loose["levels"]!.Select(l => (string?)l["type"]).Should().Equal("ROOT", "ACCOUNT");
    }

    [Test]
    public void Requirements_without_account_use_the_env_credentials_to_find_it()
    {
        using var project = Project("dev1", org.Boundary(org.Dev1, "DevBoundary"));

        var result = Run(project.Root, "org", "requirements", "--org-profile", "org");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().StartWith($"Account {org.Dev1} in organisation o-");
    }

    [Test]
    public void An_invalid_account_is_a_usage_error()
    {
        var result = RunOutsideProject("org", "requirements", "--account", "12345", "--profile", "org");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain("'12345' is not an AWS account id (12 digits).");
    }

    [Test]
    public void Set_with_check_org_warns_about_a_boundary_the_organisation_denies_and_strict_refuses_it()
    {
        using var project = Project("prod1", null);
        var other = $"arn:aws:iam::{org.Prod1}:policy/Other";

        var warned = Run(project.Root, "set", other, "--check-org", "--org-profile", "org");

        warned.ExitCode.Should().Be(0, warned.ToString());
        warned.StdErr.Should().Contain($"warning: The organisation requires {org.Boundary(org.Prod1)} for roles in account {org.Prod1} (policy RequireOrgBoundary (p-")
            .And.Contain($"env dev's boundary {other} would make 'amplify push' fail with AccessDenied.");
        File.ReadAllText(Path.Combine(project.Root, "amplify", "team-provider-info.json")).Should().Contain(other);

        var before = File.ReadAllText(Path.Combine(project.Root, "amplify", "team-provider-info.json"));
        var refused = Run(project.Root, "set", $"arn:aws:iam::{org.Prod1}:policy/Third", "--check-org", "--org-profile", "org", "--strict");

        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.StdErr.Should().Contain("--strict makes this an error; nothing was changed.");
        File.ReadAllText(Path.Combine(project.Root, "amplify", "team-provider-info.json")).Should().Be(before);

        var fine = Run(project.Root, "set", org.Boundary(org.Prod1), "--check-org", "--org-profile", "org", "--strict");

        fine.ExitCode.Should().Be(0, fine.ToString());
        fine.StdErr.Should().BeEmpty();
    }

    [Test]
    public void Verify_org_warns_and_strict_makes_it_a_finding()
    {
        using var project = Project("prod1", $"arn:aws:iam::{org.Prod1}:policy/Other");

        var warned = Run(project.Root, "verify", "--org", "--org-profile", "org");

        warned.StdErr.Should().Contain($"warning: The organisation requires {org.Boundary(org.Prod1)} for roles in account {org.Prod1}");

        var strict = Run(project.Root, "verify", "--org", "--org-profile", "org", "--strict");

        strict.ExitCode.Should().Be(1, strict.ToString());
        strict.StdErr.Should().Contain("error: The organisation requires").And.Contain("--strict makes this an error");
    }

    [Test]
    public void Env_add_into_another_account_names_the_scp_required_arn_in_the_yes_error()
    {
        using var project = Project("dev1", org.Boundary(org.Dev1, "DevBoundary"));

        var result = Run(project.Root, "env", "add", "prod", "--from", "dev", "--yes", "--create", "--org-profile", "org");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain($"The organisation's SCPs require {org.Boundary(org.Prod1)} for roles in account {org.Prod1}.")
            .And.Contain($"Fix: dotnet boundary env add prod --from dev --create --permissions-boundary {org.Boundary(org.Prod1)}");
    }

    [Test]
    public void Env_add_with_check_org_and_strict_refuses_a_denied_boundary_and_writes_nothing()
    {
        using var project = Project("dev1", org.Boundary(org.Dev1, "DevBoundary"));
        var before = File.ReadAllText(Path.Combine(project.Root, "amplify", "team-provider-info.json"));

        var result = Run(project.Root, "env", "add", "prod", "--from", "dev", "--create", "--check-org", "--org-profile", "org", "--strict",
            "--permissions-boundary", $"arn:aws:iam::{org.Prod1}:policy/Other");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StdErr.Should().Contain($"env prod's boundary arn:aws:iam::{org.Prod1}:policy/Other would make 'amplify push' fail with AccessDenied.");
        File.ReadAllText(Path.Combine(project.Root, "amplify", "team-provider-info.json")).Should().Be(before);
    }

    [Test]
    public void Audit_organization_finds_the_role_without_boundary_in_every_format_and_fix_puts_it_on()
    {
        var text = RunOutsideProject("audit", "--organization", "--profile", "org", "--verbose");

        text.ExitCode.Should().Be(1, text.ToString());
        text.StdOut.Should().Contain($"account {org.Prod1} (prod-one): 1 root stack, 2 stacks, 4 roles, 0 findings; expected {org.Boundary(org.Prod1)} (SCP RequireAnyBoundary, RequireOrgBoundary)");
        text.StdOut.Should().Contain($"account {org.Prod2} (prod-two): 1 root stack, 2 stacks, 4 roles, 1 finding");
        text.StdOut.Should().Contain($"missing       {MotoOrganization.MissingRole} (stack amplify-shop-prod-functionshop-");
        text.StdOut.Should().Contain($"account {org.Dev1} (dev-one): 1 root stack, 2 stacks, 4 roles, 0 findings; expected arn:aws:iam::*:policy/DevBoundary*");
        text.StdOut.Should().Contain($"account {org.Loose} (sandbox): 0 root stacks, 0 stacks, 0 roles, 0 findings; expected any boundary");
        text.StdOut.Should().Contain("5 accounts: 6 stacks, 12 roles, 1 open finding.");
        text.StdOut.Should().NotContain("notamplify");
        text.StdOut.Should().MatchRegex(@"sts:AssumeRole 4\b");

        var json = RunOutsideProject("audit", "--organization", "--profile", "org", "--json", "--accounts", $"{org.Prod2},{org.Dev1}");

        json.ExitCode.Should().Be(1, json.ToString());
        var document = JObject.Parse(json.StdOut);
        document["envs"]!.Select(e => (string?)e["env"]).Should().BeEquivalentTo([org.Prod2, org.Dev1], "the accounts are sorted by id");
        ((int)document["findings"]!).Should().Be(1);

        var sarif = RunOutsideProject("audit", "--organization", "--profile", "org", "--format", "sarif", "--accounts", org.Prod2);

        sarif.ExitCode.Should().Be(1, sarif.ToString());
        var result = JObject.Parse(sarif.StdOut)["runs"]![0]!["results"]!.Single();
        ((string?)result["ruleId"]).Should().Be("BA001");
        ((string?)result["message"]!["text"]).Should().Contain(MotoOrganization.MissingRole);

        var fix = RunOutsideProject("audit", "--organization", "--profile", "org", "--fix", "--yes", "--accounts", org.Prod2);

        fix.ExitCode.Should().Be(0, fix.ToString());
        fix.StdOut.Should().Contain($"fixed         {MotoOrganization.MissingRole}");
        org.Moto.GetRole(MotoOrganization.MissingRole, org.Member(org.Prod2)).PermissionsBoundaryArn.Should().Be(org.Boundary(org.Prod2));
    }

    [Test]
    public void Audit_organization_reports_an_account_outside_the_organisation_and_goes_on()
    {
        // moto's sts:AssumeRole does not check that the role exists, so an account that cannot be entered is one the organisation does not have.
        var result = RunOutsideProject("audit", "--organization", "--profile", "org", "--accounts", $"999999999999,{org.Management}");

        result.ExitCode.Should().Be(4, result.ToString());
        result.StdErr.Should().Contain("error: account 999999999999 is not an ACTIVE account of the organisation (--accounts)");
        result.StdOut.Should().Contain($"account {org.Management} (master): 0 root stacks");
        result.StdOut.Should().Contain("2 accounts: 0 stacks, 0 roles, 0 open findings; 1 account could not be audited.");
    }
}
