using Amazon.Runtime;
using Boundary.Aws;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Audit;

/// <summary>
/// audit with credentials that may not make its calls: an emulator of its own that enforces IAM permissions
/// after its first six actions (INITIAL_NO_AUTH_ACTION_COUNT=6): a stack of twelve roles, a user who may
/// only list stack resources, and a user who may do nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Moto")]
public class AuditAccessDeniedTests
{
    private const string Boundary = "arn:aws:iam::123456789012:policy/Boundary";
    private MotoServer? moto;
    private string stack = null!;
    private AWSCredentials listOnly = null!;
    private AWSCredentials nothing = null!;

    [OneTimeSetUp]
    public void StartEmulator()
    {
        moto = MotoServer.Start(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "6" });
        var iam = moto.Query(AwsServiceInfo.Iam);
        // Exactly six actions before IAM permissions are enforced.
        stack = "amplify-p-dev-1";
        moto.CreateStack(stack, MotoStacks.Template(Enumerable.Range(0, 12).Select(i => new TemplateRole($"Role{i}", $"role-{i}"))));
        listOnly = CreateUser(iam, "list-only");
        iam.InvokeAsync("PutUserPolicy", new QueryParameters()
            .Add("UserName", "list-only")
            .Add("PolicyName", "list-stacks")
            .Add("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:ListStackResources","Resource":"*"}]}""")).GetAwaiter().GetResult();
        nothing = CreateUser(iam, "nothing");
    }

    private static BasicAWSCredentials CreateUser(AwsQueryClient iam, string name)
    {
        iam.InvokeAsync("CreateUser", new QueryParameters().Add("UserName", name)).GetAwaiter().GetResult();
        var key = iam.InvokeAsync("CreateAccessKey", new QueryParameters().Add("UserName", name)).GetAwaiter().GetResult().Child("AccessKey")!;
        return new BasicAWSCredentials(key.RequiredText("AccessKeyId"), key.RequiredText("SecretAccessKey"));
    }

    [OneTimeTearDown]
    public void StopEmulator() => moto?.Dispose();

    private CliResult Run(AWSCredentials credentials, params string[] extra)
    {
        using var profiles = new AwsTestProfiles().Add("user", credentials);
        using var project = TempProject.Minimal($$"""
            { "dev": { "awscloudformation": { "PermissionsBoundaryPolicyArn": "{{Boundary}}", "Region": "us-east-1", "StackName": "{{stack}}" } } }
            """);
        return CliRunner.Run(project.Root, "", profiles.Environment(moto!.Url), ["audit", "--profile", "user", .. extra]);
    }

    [Test]
    public void Without_cloudformation_ListStackResources_the_message_names_that_permission_and_exit_is_4()
    {
        var result = Run(nothing);

        result.ExitCode.Should().Be(4, result.ToString());
        result.StdErr.Should().Contain("error: env 'dev': AccessDenied: the env's credentials (credentials: profile 'user' (--profile); region us-east-1) may not call cloudformation:ListStackResources");
        result.StdErr.Should().Contain("Grant cloudformation:ListStackResources; audit needs cloudformation:ListStackResources, iam:GetAccountAuthorizationDetails and iam:GetRole");
        result.StdOut.Should().Contain("env dev: not audited (AWS error, see below).");
    }

    [Test]
    public void Without_IAM_reads_the_bulk_read_falls_back_to_GetRole_and_the_message_names_iam_GetRole()
    {
        var result = Run(listOnly, "--json", "--verbose");

        result.ExitCode.Should().Be(4, result.ToString());
        var dev = JObject.Parse(result.StdOut)["envs"]![0]!;
        ((string?)dev["errorCode"]).Should().Be("AccessDenied");
        ((string?)dev["error"]).Should().Contain("may not call iam:GetRole").And.Contain("iam:GetAccountAuthorizationDetails, the bulk read, was denied as well");
        result.StdErr.Should().Contain("iam:GetAccountAuthorizationDetails 1").And.Contain("iam:GetRole");
    }
}
