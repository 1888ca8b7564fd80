using Amazon.Runtime;
using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Tests.Support;

namespace Boundary.Tests.Aws;

/// <summary>Which credentials and region an env gets (no calls: only the resolution).</summary>
[Category("Unit")]
public class AwsCredentialResolutionTests
{
    private static (IAwsSession Session, ImmutableCredentials Keys) Connect(TempProject project, Dictionary<string, string?> environment, string env = "prod", string? profile = null, string? region = null)
    {
        var context = new RunContext { WorkingDirectory = project.Root, GetEnvironmentVariable = n => environment.GetValueOrDefault(n), StdinIsTerminal = false };
        var session = new AwsClientFactory(context).Connect(new AwsConnectOptions
        {
            Profile = profile,
            Region = region,
            Project = AmplifyProject.Locate(project.Root, project.Root),
            Env = env,
        });
        return (session, session.Credentials.GetCredentials());
    }

    private static TempProject Project(string? localAwsInfo = null, string prodRegion = "eu-west-1")
    {
        var project = TempProject.Minimal("{\n  \"dev\": { \"awscloudformation\": { \"Region\": \"us-east-1\" } },\n  \"prod\": { \"awscloudformation\": { \"Region\": \"" + prodRegion + "\" } }\n}");
        if (localAwsInfo is not null)
            project.Write("amplify/.config/local-aws-info.json", localAwsInfo);
        return project;
    }

    [Test]
    public void Profile_option_beats_local_aws_info_which_beats_the_default_chain()
    {
        using var profiles = new AwsTestProfiles().Add("cli", "AK-CLI", "s").Add("local", "AK-LOCAL", "s").Add("default", "AK-DEFAULT", "s");
        using var project = Project("{ \"prod\": { \"configLevel\": \"project\", \"useProfile\": true, \"profileName\": \"local\" } }");
        var environment = profiles.Environment();
        environment["AWS_ACCESS_KEY_ID"] = "AK-ENV";
        environment["AWS_SECRET_ACCESS_KEY"] = "s";

        Connect(project, environment, profile: "cli").Keys.AccessKey.Should().Be("AK-CLI");
        var (session, keys) = Connect(project, environment);
        keys.AccessKey.Should().Be("AK-LOCAL");
        session.CredentialSource.Should().Contain("profile 'local'");
        Connect(project, environment, env: "dev").Keys.AccessKey.Should().Be("AK-ENV");
        environment["AWS_ACCESS_KEY_ID"] = null;
        Connect(project, environment, env: "dev").Keys.AccessKey.Should().Be("AK-DEFAULT");
        environment["AWS_PROFILE"] = "cli";
        Connect(project, environment, env: "dev").Keys.AccessKey.Should().Be("AK-CLI");
    }

    [Test]
    public void General_config_level_means_the_default_chain()
    {
        using var profiles = new AwsTestProfiles().Add("local", "AK-LOCAL", "s").Add("default", "AK-DEFAULT", "s");
        using var project = Project("{ \"prod\": { \"configLevel\": \"general\", \"useProfile\": true, \"profileName\": \"local\" } }");
        Connect(project, profiles.Environment()).Keys.AccessKey.Should().Be("AK-DEFAULT");
    }

    [Test]
    public void Keys_file_from_awsConfigFilePath()
    {
        using var profiles = new AwsTestProfiles();
        var keys = profiles.WriteKeysFile("k", new SessionAWSCredentials("AK-FILE", "s", "T"), region: "ap-south-1");
        using var project = Project($"{{ \"prod\": {{ \"configLevel\": \"project\", \"useProfile\": false, \"awsConfigFilePath\": \"{keys}\" }} }}", prodRegion: "");
        var (session, credentials) = Connect(project, profiles.Environment());
        credentials.AccessKey.Should().Be("AK-FILE");
        credentials.Token.Should().Be("T");
        session.Region.Should().Be("ap-south-1");
    }

    [Test]
    public void Region_option_then_team_provider_info_then_profile_then_environment_then_us_east_1()
    {
        using var profiles = new AwsTestProfiles().Add("p", "AK", "s", region: "sa-east-1");
        using var project = Project(prodRegion: "eu-west-1");
        var environment = profiles.Environment();
        environment["AWS_REGION"] = "ca-central-1";

        Connect(project, environment, profile: "p", region: "cn-north-1").Session.Partition.Name.Should().Be("aws-cn");
        Connect(project, environment, profile: "p").Session.Region.Should().Be("eu-west-1");
        Connect(project, environment, env: "test", profile: "p").Session.Region.Should().Be("sa-east-1");
        environment["AWS_ACCESS_KEY_ID"] = "AK";
        environment["AWS_SECRET_ACCESS_KEY"] = "s";
        Connect(project, environment, env: "test").Session.Region.Should().Be("ca-central-1");
        environment["AWS_REGION"] = null;
        var (session, _) = Connect(project, environment, env: "test");
        session.Region.Should().Be("us-east-1");
        session.RegionSource.Should().Be("default");
    }

    [Test]
    public void A_missing_profile_is_a_credentials_error_that_names_the_files()
    {
        using var profiles = new AwsTestProfiles();
        using var project = Project();
        var act = () => Connect(project, profiles.Environment(), profile: "nope");
        var e = act.Should().Throw<AwsServiceException>().Which;
        e.ErrorCode.Should().Be(AwsErrorCodes.Credentials);
        e.Message.Should().Contain("'nope'").And.Contain(profiles.CredentialsFile);
    }

    /// <summary>
    /// The SDK's default chain, in the order of AWSSDK.Core 4's DefaultAWSCredentialsIdentityResolver
    /// (container and instance credentials come last, from the SDK itself): each step with what makes it
    /// apply and the credential source it reports.
    /// </summary>
    private static readonly (string Step, Action<Dictionary<string, string?>, string> Apply, string Source)[] SdkChainOrder =
    [
        ("environment keys", (e, _) => { e["AWS_ACCESS_KEY_ID"] = "AK-ENV"; e["AWS_SECRET_ACCESS_KEY"] = "s"; }, "environment variables (AWS_ACCESS_KEY_ID)"),
        ("web identity", (e, token) => { e["AWS_WEB_IDENTITY_TOKEN_FILE"] = token; e["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/ci"; }, "web identity (AWS_WEB_IDENTITY_TOKEN_FILE"),
        ("AWS_PROFILE", (e, _) => e["AWS_PROFILE"] = "named", "profile 'named' (AWS_PROFILE)"),
        ("default profile", (_, _) => { }, "profile 'default'"),
    ];

    [Test]
    public void The_default_chain_follows_the_sdk_order_each_step_winning_over_the_ones_after_it()
    {
        using var profiles = new AwsTestProfiles().Add("named", "AK-NAMED", "s").Add("default", "AK-DEFAULT", "s");
        var token = Path.Combine(profiles.Dir, "web-identity-token");
        File.WriteAllText(token, "token");
        for (var first = 0; first < SdkChainOrder.Length; first++)
        {
            var environment = profiles.Environment();
            foreach (var (_, apply, _) in SdkChainOrder[first..])
                apply(environment, token);
            var resolved = new AwsCredentialResolver(n => environment.GetValueOrDefault(n)).DefaultChain();
            resolved.Source.Should().StartWith(SdkChainOrder[first].Source,
                $"with every step from '{SdkChainOrder[first].Step}' on available, '{SdkChainOrder[first].Step}' comes first");
        }
    }

    [Test]
    public void After_the_profiles_the_default_chain_has_nothing_when_instance_metadata_is_disabled()
    {
        using var profiles = new AwsTestProfiles();
        var environment = profiles.Environment();
        var act = () => new AwsCredentialResolver(n => environment.GetValueOrDefault(n)).DefaultChain();
        act.Should().Throw<AwsServiceException>().Which.ErrorCode.Should().Be(AwsErrorCodes.Credentials);
    }
}
