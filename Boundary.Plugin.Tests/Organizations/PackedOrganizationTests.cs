using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Organizations;

/// <summary>
/// The packed native tool against a private moto organisation (<see cref="MotoOrganization"/>): the SCP
/// walk, audit --organization in SARIF, and every way organisations sign in (SSO with a cached token and
/// a stub portal, an expired SSO token, credential_process, role_arn + source_profile, web identity).
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[NonParallelizable]
public class PackedOrganizationTests
{
    private MotoOrganization org = null!;
    private AwsTestProfiles profiles = null!;

    [OneTimeSetUp]
    public void BuildOrganisation()
    {
        org = new MotoOrganization(MotoServer.Start());
        profiles = new AwsTestProfiles().Add("org", MotoServer.AccessKey, MotoServer.SecretKey, region: "us-east-1");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        profiles?.Dispose();
        org?.Dispose();
    }

    private CliResult Run(Dictionary<string, string?>? extra, params string[] args)
    {
        var environment = profiles.Environment(org.Moto.Url);
        foreach (var (key, value) in extra ?? [])
            environment[key] = value;
        return PackedTool.Run(profiles.Dir, args, environment: environment);
    }

    [Test]
    public void Org_requirements_of_the_native_tool_name_the_required_arn()
    {
        var result = Run(null, "org", "requirements", "--account", org.Prod1, "--profile", "org", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        ((string?)JObject.Parse(result.StdOut)["requiredArn"]).Should().Be(org.Boundary(org.Prod1));
    }

    [Test]
    public void Audit_organization_of_the_native_tool_writes_sarif_with_the_missing_boundary()
    {
        var result = Run(null, "audit", "--organization", "--profile", "org", "--format", "sarif");

        result.ExitCode.Should().Be(1, result.ToString());
        var results = JObject.Parse(result.StdOut)["runs"]![0]!["results"]!;
        results.Should().ContainSingle();
        ((string?)results[0]!["message"]!["text"]).Should().Contain(MotoOrganization.MissingRole).And.Contain(org.Prod2);
    }

    [Test]
    public void An_sso_session_profile_signs_in_through_the_portal_in_the_native_build()
    {
        using var portal = new SsoPortalStub(MotoServer.AccessKey, MotoServer.SecretKey);
        SsoPortalStub.WriteProfile(profiles, "sso", org.Management, expired: false);

        var result = Run(new() { ["AWS_ENDPOINT_URL_SSO"] = portal.Url }, "org", "requirements", "--account", org.Dev1, "--profile", "sso");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("Required boundary: arn:aws:iam::*:policy/DevBoundary*");
        portal.Served.Should().BeGreaterThan(0);
    }

    [Test]
    public void An_expired_sso_token_says_run_aws_sso_login_in_one_line_and_exits_4()
    {
        using var portal = new SsoPortalStub(MotoServer.AccessKey, MotoServer.SecretKey);
        SsoPortalStub.WriteProfile(profiles, "expired", org.Management, expired: true);

        var result = Run(new() { ["AWS_ENDPOINT_URL_SSO"] = portal.Url }, "org", "requirements", "--account", org.Dev1, "--profile", "expired");

        result.ExitCode.Should().Be(4, result.ToString());
        result.StdErr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("run 'aws sso login --profile expired'");
        portal.Served.Should().Be(0);
    }

    [Test]
    public void Credential_process_role_chains_and_web_identity_work_in_the_native_build()
    {
        var script = Path.Combine(profiles.Dir, "credentials.sh");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo '{"Version":1,"AccessKeyId":"{{MotoServer.AccessKey}}","SecretAccessKey":"{{MotoServer.SecretKey}}"}'
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.AppendAllText(profiles.ConfigFile,
            $"[profile process]\ncredential_process = {script}\nregion = us-east-1\n" +
            $"[profile chained]\nrole_arn = arn:aws:iam::{org.Management}:role/OrgReader\nsource_profile = org\nregion = us-east-1\n");
        var token = Path.Combine(profiles.Dir, "web-identity-token");
        File.WriteAllText(token, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.");

        foreach (var profile in new[] { "process", "chained" })
        {
            var result = Run(null, "org", "requirements", "--account", org.Prod1, "--profile", profile);
            result.ExitCode.Should().Be(0, $"profile {profile}: {result}");
        }

        var web = Run(new() { ["AWS_WEB_IDENTITY_TOKEN_FILE"] = token, ["AWS_ROLE_ARN"] = $"arn:aws:iam::{org.Management}:role/ci", ["AWS_REGION"] = "us-east-1" },
            "org", "requirements", "--account", org.Prod1);
        web.ExitCode.Should().Be(0, web.ToString());
        web.StdOut.Should().Contain($"Required boundary: {org.Boundary(org.Prod1)}");
    }
}
