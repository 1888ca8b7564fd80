using System.Net;
using System.Text;
using System.Xml.Linq;
using System.Xml;
using Amazon.Runtime;
using Amazon.Util;

namespace Boundary.Aws;

/// <summary>
/// A client for any query-protocol service (IAM, STS, CloudFormation, ...): form-encoded POST
/// <c>Action=...&amp;Version=...</c>, signed with the SDK's own SigV4 signer, retried by
/// <see cref="AwsRetryPolicy"/>, answered in XML. Typed wrappers (<see cref="IamClient"/>) describe each
/// operation as an <see cref="AwsQueryOperation{T}"/>.
/// </summary>
public sealed class AwsQueryClient(AwsServiceEndpoint endpoint, AWSCredentials credentials, HttpMessageInvoker http, AwsRetryPolicy? retry = null)
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>One HttpClient for the process, as .NET recommends.</summary>
    public static HttpMessageInvoker DefaultHttp => SharedHttp.Value;

    public AwsServiceEndpoint Endpoint { get; } = endpoint;

    public AwsRetryPolicy Retry { get; } = retry ?? AwsRetryPolicy.Default;

    public string UserAgent { get; init; } = $"dotnet-boundary/{Program.Version}";

    /// <summary>Where to count the requests this client sends (null: not counted).</summary>
    public AwsCallCounter? Calls { get; init; }

    public Task<T> InvokeAsync<T>(AwsQueryOperation<T> operation, CancellationToken cancellationToken = default) =>
        Retry.ExecuteAsync(_ => SendOnceAsync(operation, cancellationToken), cancellationToken);

    /// <summary>Sends <paramref name="action"/> and returns its <c>&lt;ActionResult&gt;</c> element (empty when the answer has none).</summary>
    public Task<XElement> InvokeAsync(string action, QueryParameters parameters, CancellationToken cancellationToken = default) =>
        InvokeAsync(new AwsQueryOperation<XElement>(action, parameters, r => r), cancellationToken);

    private async Task<T> SendOnceAsync<T>(AwsQueryOperation<T> operation, CancellationToken cancellationToken)
    {
        var service = Endpoint.Service;
        var keys = await AwsSignedRequest.KeysAsync(credentials, service, operation.Action).ConfigureAwait(false);

        var body = new StringBuilder()
            .Append("Action=").Append(AWSSDKUtils.UrlEncode(operation.Action, false))
            .Append("&Version=").Append(AWSSDKUtils.UrlEncode(service.Version, false));
        foreach (var (name, value) in operation.Parameters)
            body.Append('&').Append(AWSSDKUtils.UrlEncode(name, false)).Append('=').Append(AWSSDKUtils.UrlEncode(value, false));
        var content = Encoding.UTF8.GetBytes(body.ToString());
        using var message = AwsSignedRequest.Build(Endpoint, keys, content, "application/x-www-form-urlencoded; charset=utf-8", [], UserAgent);

        Calls?.RecordRequest(service.SigningName, operation.Action);
        var (response, text) = await AwsSignedRequest.SendAsync(http, message, Endpoint, operation.Action, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var status = (int)response.StatusCode;
            var document = TryParse(text);
            if (!response.IsSuccessStatusCode)
            {
                var error = ReadError(service, operation.Action, status, document, text);
                if (error.IsThrottling)
                    Calls?.RecordThrottled();
                throw error;
            }
            var resultName = operation.Action + "Result";
            var root = document?.Root ?? throw new AwsServiceException(service.SigningName, operation.Action, AwsErrorCodes.BadResponse,
                $"the answer (HTTP {status}) is not XML: {Shorten(text)}", status);
            var result = root.Child(resultName) ?? new XElement(resultName);
            try
            {
                return operation.ReadResult(result);
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.BadResponse)
            {
                throw new AwsServiceException(service.SigningName, operation.Action, AwsErrorCodes.BadResponse, e.ErrorMessage, status, RequestIdOf(root));
            }
        }
    }

    private static AwsServiceException ReadError(AwsServiceInfo service, string action, int status, XDocument? document, string text)
    {
        // <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse> (IAM, STS, CloudFormation)
        // or <Response><Errors><Error>...</Error></Errors><RequestID/></Response> (EC2 style).
        var error = document?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        var code = error?.Text("Code");
        var message = error?.Text("Message") ?? error?.Text("message");
        if (string.IsNullOrEmpty(code))
        {
            code = AwsSignedRequest.CodeForStatus(status);
            message ??= $"HTTP {status}: {Shorten(text)}";
        }
        return new AwsServiceException(service.SigningName, action, code, message ?? code, status, document?.Root is { } root ? RequestIdOf(root) : null);
    }

    private static string? RequestIdOf(XElement root) =>
        root.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;

    private static XDocument? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => AwsSignedRequest.Shorten(text);
}
