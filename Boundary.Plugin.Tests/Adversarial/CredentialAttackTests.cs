using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>An AWS profile the tool cannot use (an SSO profile without a cached token): one line and exit 4, never a trace.</summary>
[Category("EndToEnd")]
public class CredentialAttackTests
{
    [Test]
    public void Sso_profile_without_a_token_is_one_line_and_exit_4()
    {
        using var site = AttackSite.FromFixture();
        var home = site.Outside;
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        var config = Path.Combine(home, ".aws", "config");
        // The start URL is a closed port on loopback: nothing leaves the machine.
        File.WriteAllText(config, "[profile sso]\nsso_start_url = https://127.0.0.1:1/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-1\n");
        var environment = AttackSite.QuietEnvironment();
        environment["HOME"] = home;
        environment["AWS_CONFIG_FILE"] = config;

        var result = PackedTool.Run(site.Project.Root, ["audit", "--profile", "sso"], null, environment, timeout: TimeSpan.FromSeconds(60));

        AttackSite.ShouldHaveNoTrace(result);
        result.ExitCode.Should().Be(4, result.ToString());
        result.StdErr.Trim().Split('\n').Should().ContainSingle(result.ToString());
    }
}
