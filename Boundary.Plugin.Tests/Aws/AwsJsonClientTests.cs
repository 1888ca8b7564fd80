using System.Net;
using System.Text;
using Amazon.Runtime;
using Boundary.Aws;

namespace Boundary.Tests.Aws;

/// <summary>The JSON 1.1 client and the Organizations operations without a network: a scripted HTTP handler answers.</summary>
[Category("Unit")]
public class AwsJsonClientTests
{
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body, string? ErrorType)[] answers) : HttpMessageHandler
    {
        private readonly Queue<(HttpStatusCode, string, string?)> pending = new(answers);

        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            var (status, body, errorType) = pending.Dequeue();
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
            if (errorType is not null)
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            return response;
        }
    }

    private static OrganizationsClient Client(ScriptedHandler handler, string region = "eu-west-1")
    {
        var retry = new AwsRetryPolicy { MaxAttempts = 3, Delay = (_, _) => Task.CompletedTask };
        var endpoint = AwsServiceEndpoint.Resolve(AwsServiceInfo.Organizations, region, null, _ => null);
        return new OrganizationsClient(new AwsJsonClient(endpoint, new SessionAWSCredentials("AKID", "SECRET", "TOKEN"), new HttpMessageInvoker(handler), retry));
    }

    [Test]
    public async Task ListParents_posts_signed_json_with_the_target_header_to_the_global_endpoint_and_follows_pages()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"Parents":[{"Id":"ou-1","Type":"ORGANIZATIONAL_UNIT"}],"NextToken":"t2"}""", null),
            (HttpStatusCode.OK, """{"Parents":[{"Id":"r-1","Type":"ROOT"}]}""", null));

        var parents = await Client(handler).ListParentsAsync("111122223333");

        parents.Should().Equal(new OrganizationParent("ou-1", "ORGANIZATIONAL_UNIT"), new OrganizationParent("r-1", "ROOT"));
        handler.Requests.Should().HaveCount(2);
        var (request, body) = handler.Requests[0];
        request.RequestUri.Should().Be(new Uri("https://organizations.us-east-1.amazonaws.com/"));
        request.Headers.GetValues("X-Amz-Target").Single().Should().Be("AWSOrganizationsV20161128.ListParents");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.1");
        request.Headers.GetValues("Authorization").Single().Should().MatchRegex(@"^AWS4-HMAC-SHA256 Credential=AKID/\d{8}/us-east-1/organizations/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$");
        body.Should().Be("""{"ChildId":"111122223333"}""");
        handler.Requests[1].Body.Should().Be("""{"ChildId":"111122223333","NextToken":"t2"}""");
    }

    [TestCase("cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1")]
    [TestCase("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1")]
    [TestCase("ap-south-2", "https://organizations.us-east-1.amazonaws.com/", "us-east-1")]
    public void The_endpoint_is_the_partition_global_one(string region, string url, string signingRegion)
    {
        var endpoint = AwsServiceEndpoint.Resolve(AwsServiceInfo.Organizations, region, null, _ => null);

        endpoint.Url.Should().Be(new Uri(url));
        endpoint.SigningRegion.Should().Be(signingRegion);
    }

    [Test]
    public void AWS_ENDPOINT_URL_ORGANIZATIONS_overrides_the_endpoint_and_endpoint_url_overrides_both()
    {
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_ORGANIZATIONS"] = "http://127.0.0.1:4566", ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1" };

        AwsServiceEndpoint.Resolve(AwsServiceInfo.Organizations, "eu-west-1", null, n => variables.GetValueOrDefault(n)).Url.Should().Be(new Uri("http://127.0.0.1:4566/"));
        AwsServiceEndpoint.Resolve(AwsServiceInfo.Organizations, "eu-west-1", "http://127.0.0.1:9", n => variables.GetValueOrDefault(n)).Url.Should().Be(new Uri("http://127.0.0.1:9/"));
    }

    [Test]
    public async Task An_error_type_with_a_namespace_becomes_the_plain_code_with_message_and_request_id()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.organizations.v20161128#AccessDeniedException","Message":"You don't have permissions"}""", null));

        var act = () => Client(handler).DescribePolicyAsync("p-1");

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("AccessDeniedException");
        error.ErrorMessage.Should().Be("You don't have permissions");
        error.Service.Should().Be("organizations");
        error.Operation.Should().Be("DescribePolicy");
        error.RequestId.Should().Be("req-1");
    }

    [Test]
    public async Task Throttling_is_retried_and_the_header_error_type_wins()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.BadRequest, """{"message":"Rate exceeded"}""", "TooManyRequestsException:http://internal"),
            (HttpStatusCode.OK, """{"Policy":{"PolicySummary":{"Id":"p-1","Arn":"arn:p","Name":"N","Type":"SERVICE_CONTROL_POLICY","AwsManaged":false},"Content":"{}"}}""", null));

        var policy = await Client(handler).DescribePolicyAsync("p-1");

        policy.Content.Should().Be("{}");
        policy.Summary.Name.Should().Be("N");
        handler.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task An_answer_that_is_not_json_or_lacks_a_member_is_a_bad_response_not_a_crash()
    {
        var notJson = new ScriptedHandler((HttpStatusCode.OK, "<html/>", null));
        (await FluentActions.Awaiting(() => Client(notJson).DescribeOrganizationAsync()).Should().ThrowAsync<AwsServiceException>())
            .Which.ErrorCode.Should().Be(AwsErrorCodes.BadResponse);

        var missing = new ScriptedHandler((HttpStatusCode.OK, """{"Policy":{"Content":"{}"}}""", null));
        (await FluentActions.Awaiting(() => Client(missing).DescribePolicyAsync("p-1")).Should().ThrowAsync<AwsServiceException>())
            .Which.ErrorCode.Should().Be(AwsErrorCodes.BadResponse);
    }

    [Test]
    public async Task A_token_handed_back_twice_stops_the_paging()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"Accounts":[],"NextToken":"same"}""", null),
            (HttpStatusCode.OK, """{"Accounts":[],"NextToken":"same"}""", null));

        (await FluentActions.Awaiting(() => Client(handler).ListAccountsAsync()).Should().ThrowAsync<AwsServiceException>())
            .Which.ErrorMessage.Should().Contain("same NextToken twice");
    }
}
