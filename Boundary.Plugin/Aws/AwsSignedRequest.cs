using System.Net.Http.Headers;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal;
using Amazon.Runtime;

namespace Boundary.Aws;

/// <summary>
/// What every protocol client shares: the credentials' keys, a request signed by the SDK's own SigV4
/// signer, and one HTTP exchange with network failures mapped to <see cref="AwsErrorCodes.Network"/>.
/// Protocols differ only in the body they post and how they read the answer.
/// </summary>
internal static class AwsSignedRequest
{
    // The signer reads only a few properties of a client config; request-level overrides (signing region,
    // service name) take precedence, so any concrete config serves.
    private static readonly Lazy<IClientConfig> SigningConfig = new(() => new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig());

    public static async Task<ImmutableCredentials> KeysAsync(AWSCredentials credentials, AwsServiceInfo service, string operation)
    {
        try
        {
            return await credentials.GetCredentialsAsync().ConfigureAwait(false)
                   ?? throw new AmazonClientException("the credentials provider returned none");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any credential provider (a process, a web identity token file, an SSO portal) can fail any way: one message, never a trace.
            throw new AwsServiceException(service.SigningName, operation, AwsErrorCodes.Credentials, e.Message, inner: e);
        }
    }

    /// <summary>A POST of <paramref name="content"/> to the endpoint, signed for its service and region.</summary>
    public static HttpRequestMessage Build(
        AwsServiceEndpoint endpoint, ImmutableCredentials keys, byte[] content, string contentType,
        IEnumerable<KeyValuePair<string, string>> headers, string userAgent)
    {
        var url = endpoint.Url;
        var signed = new DefaultRequest(new SignedBody(), endpoint.Service.SigningName)
        {
            HttpMethod = "POST",
            Endpoint = new Uri(url.GetLeftPart(UriPartial.Authority)),
            ResourcePath = url.AbsolutePath.Length == 0 ? "/" : url.AbsolutePath,
            Content = content,
            AuthenticationRegion = endpoint.SigningRegion,
            OverrideSigningServiceName = endpoint.Service.SigningName,
        };
        signed.Headers["Content-Type"] = contentType;
        foreach (var (name, value) in headers)
            signed.Headers[name] = value;
        if (keys.UseToken)
            signed.Headers["X-Amz-Security-Token"] = keys.Token;
        var signature = new AWS4Signer().SignRequest(signed, SigningConfig.Value, null, keys.AccessKey, keys.SecretKey);
        signed.Headers["Authorization"] = signature.ForAuthorizationHeader;

        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(signed.Endpoint, signed.ResourcePath))
        {
            Content = new ByteArrayContent(content),
        };
        foreach (var (name, value) in signed.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        }
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return message;
    }

    /// <summary>Sends <paramref name="message"/> and reads the whole answer; no answer at all is a NetworkError.</summary>
    public static async Task<(HttpResponseMessage Response, string Text)> SendAsync(
        HttpMessageInvoker http, HttpRequestMessage message, AwsServiceEndpoint endpoint, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response, text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsServiceException(endpoint.Service.SigningName, operation, AwsErrorCodes.Network,
                $"no answer from {endpoint.Url.GetLeftPart(UriPartial.Authority)}: {e.Message}", inner: e);
        }
    }

    /// <summary>The code an error answer without one stands for.</summary>
    public static string CodeForStatus(int status) => status switch
    {
        429 => AwsErrorCodes.Throttling,
        403 => AwsErrorCodes.AccessDenied,
        >= 500 => "ServiceUnavailable",
        _ => $"Http{status}",
    };

    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>The SDK's request type wants an original request object; this one carries nothing.</summary>
    private sealed class SignedBody : AmazonWebServiceRequest;
}
