using System.Net;
using System.Text;
using Amazon.Runtime;
using Boundary.Aws;
using Boundary.Core;

namespace Boundary.Tests.Aws;

/// <summary>The query client without a network: a scripted HTTP handler answers.</summary>
[Category("Unit")]
public class AwsQueryClientTests
{
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private readonly Queue<(HttpStatusCode, string)> pending = new(answers);

        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            var (status, body) = pending.Dequeue();
            if (status == 0)
                throw new HttpRequestException("Connection refused");
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        }
    }

    private const string PolicyAnswer = """
        <GetPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetPolicyResult><Policy>
        <PolicyName>B</PolicyName><Path>/teams/</Path><Arn>arn:aws:iam::123456789012:policy/teams/B</Arn><PolicyId>P1</PolicyId>
        <DefaultVersionId>v1</DefaultVersionId><AttachmentCount>2</AttachmentCount><PermissionsBoundaryUsageCount>3</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable>
        </Policy></GetPolicyResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetPolicyResponse>
        """;

    private static string Error(string code) =>
        $"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>m-{code}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>";

    private static (IamClient Client, List<TimeSpan> Delays) Client(ScriptedHandler handler, AWSCredentials? credentials = null, int attempts = 4)
    {
        var delays = new List<TimeSpan>();
        var retry = new AwsRetryPolicy { MaxAttempts = attempts, Delay = (d, _) => { delays.Add(d); return Task.CompletedTask; }, Random = () => 1.0 };
        var endpoint = AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "eu-west-1", null, _ => null);
        return (new IamClient(new AwsQueryClient(endpoint, credentials ?? new BasicAWSCredentials("AKID", "SECRET"), new HttpMessageInvoker(handler), retry)), delays);
    }

    [Test]
    public async Task GetPolicy_posts_a_signed_form_and_reads_the_result()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, PolicyAnswer));
        var (iam, _) = Client(handler, new SessionAWSCredentials("AKID", "SECRET", "TOKEN"));

        var policy = await iam.GetPolicyAsync("arn:aws:iam::123456789012:policy/teams/B");

        policy.Should().Be(new IamPolicy("arn:aws:iam::123456789012:policy/teams/B", "B", "/teams/", "P1", "v1", 2, 3, true));
        var (request, body) = handler.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri.Should().Be(new Uri("https://iam.amazonaws.com/"));
        body.Should().Be("Action=GetPolicy&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fteams%2FB");
        var authorization = request.Headers.GetValues("Authorization").Single();
        authorization.Should().MatchRegex(@"^AWS4-HMAC-SHA256 Credential=AKID/\d{8}/us-east-1/iam/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$");
        request.Headers.GetValues("X-Amz-Security-Token").Single().Should().Be("TOKEN");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/x-www-form-urlencoded");
    }

    [Test]
    public async Task Throttling_5xx_and_network_errors_are_retried_with_growing_delays()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.BadRequest, Error("Throttling")),
            (HttpStatusCode.ServiceUnavailable, "<html>busy</html>"),
            (0, ""),
            (HttpStatusCode.OK, PolicyAnswer));
        var (iam, delays) = Client(handler);

        (await iam.GetPolicyAsync("arn:aws:iam::123456789012:policy/teams/B")).Name.Should().Be("B");

        handler.Requests.Should().HaveCount(4);
        delays.Should().Equal(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800));
    }

    [Test]
    public void Retries_are_bounded()
    {
        var handler = new ScriptedHandler(Enumerable.Repeat((HttpStatusCode.BadRequest, Error("Throttling")), 3).ToArray());
        var (iam, delays) = Client(handler, attempts: 3);

        var act = () => iam.GetPolicyAsync("arn:aws:iam::123456789012:policy/B");

        act.Should().ThrowAsync<AwsServiceException>().Result.Which.IsThrottling.Should().BeTrue();
        handler.Requests.Should().HaveCount(3);
        delays.Should().HaveCount(2);
    }

    [TestCase("NoSuchEntity", HttpStatusCode.NotFound)]
    [TestCase("AccessDenied", HttpStatusCode.Forbidden)]
    [TestCase("InvalidClientTokenId", HttpStatusCode.Forbidden)]
    public void IAM_errors_map_to_their_codes_without_retry(string code, HttpStatusCode status)
    {
        var handler = new ScriptedHandler((status, Error(code)));
        var (iam, _) = Client(handler);

        var act = () => iam.GetPolicyAsync("arn:aws:iam::123456789012:policy/B");

        var e = act.Should().ThrowAsync<AwsServiceException>().Result.Which;
        e.ErrorCode.Should().Be(code);
        e.ErrorMessage.Should().Be($"m-{code}");
        e.RequestId.Should().Be("r-2");
        e.StatusCode.Should().Be((int)status);
        e.Operation.Should().Be("GetPolicy");
        handler.Requests.Should().HaveCount(1);
    }

    [Test]
    public void GetRole_reads_the_permissions_boundary()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """
            <GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>r</RoleName><RoleId>R1</RoleId><Arn>arn:aws:iam::123456789012:role/r</Arn>
            <AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument>
            <PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/B</PermissionsBoundaryArn></PermissionsBoundary>
            </Role></GetRoleResult></GetRoleResponse>
            """));
        var (iam, _) = Client(handler);

        var role = iam.GetRoleAsync("r").GetAwaiter().GetResult();

        role.PermissionsBoundaryArn.Should().Be("arn:aws:iam::123456789012:policy/B");
        role.AssumeRolePolicyDocument.Should().Be("{}");
        handler.Requests.Single().Body.Should().Be("Action=GetRole&Version=2010-05-08&RoleName=r");
    }

    [Test]
    public void Query_parameters_support_lists_and_skip_nulls()
    {
        var parameters = new QueryParameters().Add("A", "1").Add("B", (string?)null).AddList("Scope", ["Local", "AWS"]).Add("Max", 5).Add("Flag", true);
        parameters.Select(p => $"{p.Key}={p.Value}").Should().Equal("A=1", "Scope.member.1=Local", "Scope.member.2=AWS", "Max=5", "Flag=true");
    }
}

[Category("Unit")]
public class AwsEndpointTests
{
    [TestCase("us-east-1", "https://iam.amazonaws.com/", "us-east-1")]
    [TestCase("eu-central-1", "https://iam.amazonaws.com/", "us-east-1")]
    [TestCase("cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [TestCase("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [TestCase("us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    [TestCase("us-isob-east-1", "https://iam.us-isob-east-1.sc2s.sgov.gov/", "us-isob-east-1")]
    public void IAM_is_global_per_partition(string region, string url, string signingRegion)
    {
        var endpoint = AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, region, null, _ => null);
        endpoint.Url.ToString().Should().Be(url);
        endpoint.SigningRegion.Should().Be(signingRegion);
        endpoint.IsOverride.Should().BeFalse();
    }

    [Test]
    public void Regional_services_use_the_region_and_the_partitions_suffix()
    {
        AwsServiceEndpoint.Resolve(AwsServiceInfo.CloudFormation, "cn-north-1", null, _ => null).Url.ToString()
            .Should().Be("https://cloudformation.cn-north-1.amazonaws.com.cn/");
        AwsServiceEndpoint.Resolve(AwsServiceInfo.Sts, "eu-west-1", null, _ => null).SigningRegion.Should().Be("eu-west-1");
    }

    [Test]
    public void Overrides_option_then_service_variable_then_global_variable()
    {
        var environment = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1", ["AWS_ENDPOINT_URL_IAM"] = "http://127.0.0.1:2" };
        string? Get(string name) => environment.GetValueOrDefault(name);

        AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "us-east-1", "http://127.0.0.1:3", Get).Url.Port.Should().Be(3);
        AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "us-east-1", null, Get).Url.Port.Should().Be(2);
        var sts = AwsServiceEndpoint.Resolve(AwsServiceInfo.Sts, "us-east-1", null, Get);
        sts.Url.Port.Should().Be(1);
        sts.IsOverride.Should().BeTrue();
        environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "us-east-1", null, Get).IsOverride.Should().BeFalse();
        var bad = () => AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "us-east-1", "ftp://x", Get);
        bad.Should().Throw<BoundaryException>().Which.ExitCode.Should().Be(2);
    }

    [Test]
    public void The_overridden_IAM_endpoint_signs_for_the_partitions_region()
    {
        AwsServiceEndpoint.Resolve(AwsServiceInfo.Iam, "cn-north-1", "http://127.0.0.1:5000", _ => null).SigningRegion.Should().Be("cn-north-1");
    }
}
