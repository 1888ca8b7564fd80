namespace Boundary.Tests.Host;

/// <summary>
/// 'dotnet boundary env add' decides a new env's boundary as the host does, then
/// the host's own 'amplify env add' (headless) creates the env: the same rules hold end to end, for an env
/// in another moto account (profile "prod", credentials from sts:AssumeRole) and one in the same account.
/// </summary>
[Category("Host")]
[TestFixture]
public class EnvAddTests
{
    private HostLab lab = null!;
    private HostProject project = null!;
    private string arn = null!;

    [OneTimeSetUp]
    public void InitDevWithABoundary()
    {
        lab = HostLab.Start();
        arn = lab.CreatePolicy("boundary-env");
        project = lab.NewProject();
        var init = project.Init(extra: ["--permissions-boundary", arn]);
        init.ExitCode.Should().Be(0, init.ToString());
        lab.AddAssumedRoleProfile("prod", HostLab.OtherAccount);
    }

    [OneTimeTearDown]
    public void StopLab() => lab?.Dispose();

    [SetUp]
    public void StartFromDev()
    {
        if (project.CurrentEnv() == "dev")
            return;
        var checkout = project.HostEnvCheckout("dev");
        checkout.ExitCode.Should().Be(0, checkout.ToString());
    }

    [Test]
    public void Carry_over_into_another_account_is_refused_by_us_and_by_the_host()
    {
        var before = File.ReadAllBytes(project.TeamProviderInfoPath);

        var ours = project.Tool("env", "add", "other", "--profile", "prod", "--yes");

        ours.ExitCode.Should().Be(2, ours.ToString());
        ours.StdErr.Should().Contain($"Permissions boundary {arn} from the dev environment cannot be applied to resources in the other environment")
            .And.Contain("A permissions boundary ARN must be specified using --permissions-boundary");
        File.ReadAllBytes(project.TeamProviderInfoPath).Should().Equal(before);

        var host = project.HostEnvAdd("other", "prod");

        host.ExitCode.Should().Be(1, host.ToString());
        host.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment cannot be applied to resources the other environment")
            .And.Contain("A permissions boundary ARN must be specified using --permissions-boundary");
        File.ReadAllBytes(project.TeamProviderInfoPath).Should().Equal(before);
    }

    [Test]
    public void An_explicit_empty_boundary_creates_prod_in_the_other_account_without_one()
    {
        var ours = project.Tool("env", "add", "prod", "--permissions-boundary", "", "--yes");
        ours.ExitCode.Should().Be(0, ours.ToString());
        ours.StdOut.Should().Contain("The prod environment has no permissions boundary");

        var host = project.HostEnvAdd("prod", "prod", "--permissions-boundary", "");

        host.ExitCode.Should().Be(0, host.ToString());
        project.CurrentEnv().Should().Be("prod");
        project.ProviderHas("prod", "PermissionsBoundaryPolicyArn").Should().BeFalse();
        project.Provider("dev", "PermissionsBoundaryPolicyArn").Should().Be(arn);
        var authRoleArn = project.Provider("prod", "AuthRoleArn");
        authRoleArn.Should().StartWith($"arn:aws:iam::{HostLab.OtherAccount}:role/");
        lab.RoleBoundary(project.Provider("prod", "AuthRoleName")!, profile: "prod").Should().BeNull();
        project.Tool("get", "--env", "prod").StdOut.Trim().Should().BeEmpty();
        var list = project.Tool("list");
        list.ExitCode.Should().Be(0, list.ToString());
        list.StdErr.Should().NotContain("drift");
    }

    [Test]
    public void Carry_over_decided_by_us_before_the_host_created_the_env_writes_nothing_and_the_host_then_applies_it()
    {
        var before = File.ReadAllBytes(project.TeamProviderInfoPath);
        var ours = project.Tool("env", "add", "staging", "--yes");
        ours.ExitCode.Should().Be(3, ours.ToString());
        ours.StdErr.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the staging environment: decided, but not written");
        File.ReadAllBytes(project.TeamProviderInfoPath).Should().Equal(before, "an entry for an env the host has not created makes the host's env add fail");

        var host = project.HostEnvAdd("staging", "default");

        host.ExitCode.Should().Be(0, host.ToString());
        host.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the staging environment");
        AssertEnvCarriesTheBoundary("staging");
    }

    [Test]
    public void Carry_over_within_the_account_run_after_the_hosts_env_add_agrees_with_the_host()
    {
        // The order docs/environments.md gives: the host's env add, then ours with --from (the host has switched envs).
        var host = project.HostEnvAdd("qa", "default");
        host.ExitCode.Should().Be(0, host.ToString());
        host.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the qa environment");
        var before = File.ReadAllBytes(project.TeamProviderInfoPath);

        var ours = project.Tool("env", "add", "qa", "--from", "dev", "--yes");

        ours.ExitCode.Should().Be(0, ours.ToString());
        ours.StdOut.Should().Contain($"Permissions boundary {arn} from the dev environment has automatically been applied to the qa environment");
        File.ReadAllBytes(project.TeamProviderInfoPath).Should().Equal(before, "the host already stored the same boundary");
        AssertEnvCarriesTheBoundary("qa");
    }

    private void AssertEnvCarriesTheBoundary(string env)
    {
        project.CurrentEnv().Should().Be(env);
        project.Provider(env, "PermissionsBoundaryPolicyArn").Should().Be(arn);
        project.MetaProvider("PermissionsBoundaryPolicyArn").Should().Be(arn);
        lab.RoleBoundary(project.Provider(env, "AuthRoleName")!).Should().Be(arn);
        lab.RoleBoundary(project.Provider(env, "UnauthRoleName")!).Should().Be(arn);
    }
}
