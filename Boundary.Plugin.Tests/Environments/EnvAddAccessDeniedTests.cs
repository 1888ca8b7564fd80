using Amazon.Runtime;
using Boundary.Aws;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Environments;

/// <summary>
/// The "other IAM error" branch: an emulator of its own that enforces IAM permissions after its first
/// four actions (INITIAL_NO_AUTH_ACTION_COUNT=4), used to create the boundary and a user who may call
/// sts:GetCallerIdentity but not iam:GetPolicy.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Moto")]
public class EnvAddAccessDeniedTests
{
    private MotoServer? moto;
    private string boundary = null!;
    private AWSCredentials limited = null!;

    [OneTimeSetUp]
    public void StartEmulator()
    {
        moto = MotoServer.Start(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4" });
        var iam = moto.Query(AwsServiceInfo.Iam);
        // Exactly four actions before IAM permissions are enforced.
        boundary = moto.CreatePolicy("Boundary");
        iam.InvokeAsync("CreateUser", new QueryParameters().Add("UserName", "limited")).GetAwaiter().GetResult();
        var key = iam.InvokeAsync("CreateAccessKey", new QueryParameters().Add("UserName", "limited")).GetAwaiter().GetResult().Child("AccessKey")!;
        iam.InvokeAsync("PutUserPolicy", new QueryParameters()
            .Add("UserName", "limited")
            .Add("PolicyName", "whoami-only")
            .Add("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}""")).GetAwaiter().GetResult();
        limited = new BasicAWSCredentials(key.RequiredText("AccessKeyId"), key.RequiredText("SecretAccessKey"));
    }

    [OneTimeTearDown]
    public void StopEmulator() => moto?.Dispose();

    private (CliResult Result, TempProject Project) Run(params string[] extra)
    {
        using var profiles = new AwsTestProfiles().Add("limited", limited);
        var project = TempProject.Minimal(EnvAddMotoTests.TeamProviderInfo(boundary));
        var result = CliRunner.Run(project.Root, "", profiles.Environment(moto!.Url), ["env", "add", "prod", "--profile", "limited", .. extra]);
        return (result, project);
    }

    [Test]
    public void The_emulator_really_denies_GetPolicy_to_the_limited_user()
    {
        var act = () => moto!.Iam(limited).GetPolicyAsync(boundary).GetAwaiter().GetResult();
        act.Should().Throw<AwsServiceException>().Which.ErrorCode.Should().Be(AwsErrorCodes.AccessDenied);
    }

    [Test]
    public void AccessDenied_is_treated_as_reachable_like_the_host_but_warns()
    {
        var (result, project) = Run();
        using (project)
        {
            result.ExitCode.Should().Be(0, result.ToString());
            result.StdErr.Should().Contain("warning: Could not check that permissions boundary");
            result.StdErr.Should().Contain("AccessDenied");
            result.StdErr.Should().Contain("--strict");
            result.StdOut.Should().Contain($"Permissions boundary {boundary} from the dev environment has automatically been applied to the prod environment");
            ((string?)JObject.Parse(project.Read("amplify/team-provider-info.json"))["prod"]!["awscloudformation"]!["PermissionsBoundaryPolicyArn"]).Should().Be(boundary);
        }
    }

    [Test]
    public void AccessDenied_with_strict_is_an_AWS_error_and_writes_nothing()
    {
        var (result, project) = Run("--strict");
        using (project)
        {
            result.ExitCode.Should().Be(4, result.ToString());
            result.StdErr.Should().Contain("AccessDenied");
            result.StdErr.Should().Contain("--strict makes this an error");
            project.Read("amplify/team-provider-info.json").Should().Be(EnvAddMotoTests.TeamProviderInfo(boundary));
        }
    }
}
