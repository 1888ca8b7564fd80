using System.Text.Json;
using Amazon.Runtime;

namespace Boundary.Aws;

/// <summary>
/// A client for any JSON 1.1 protocol service (Organizations, ...): a JSON POST with
/// <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>, signed with the SDK's own SigV4 signer, retried by
/// <see cref="AwsRetryPolicy"/>, errors read from <c>__type</c> / <c>x-amzn-ErrorType</c>. The same
/// endpoints, retries and error type as <see cref="AwsQueryClient"/>.
/// </summary>
public sealed class AwsJsonClient(AwsServiceEndpoint endpoint, AWSCredentials credentials, HttpMessageInvoker http, AwsRetryPolicy? retry = null)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public AwsServiceEndpoint Endpoint { get; } = endpoint.Service.JsonTargetPrefix is not null
        ? endpoint
        : throw new ArgumentException($"{endpoint.Service.Id} is not a JSON-protocol service", nameof(endpoint));

    public AwsRetryPolicy Retry { get; } = retry ?? AwsRetryPolicy.Default;

    public string UserAgent { get; init; } = $"dotnet-boundary/{Program.Version}";

    /// <summary>Where to count the requests this client sends (null: not counted).</summary>
    public AwsCallCounter? Calls { get; init; }

    public Task<T> InvokeAsync<T>(AwsJsonOperation<T> operation, CancellationToken cancellationToken = default) =>
        Retry.ExecuteAsync(_ => SendOnceAsync(operation, cancellationToken), cancellationToken);

    private async Task<T> SendOnceAsync<T>(AwsJsonOperation<T> operation, CancellationToken cancellationToken)
    {
        var service = Endpoint.Service;
        var keys = await AwsSignedRequest.KeysAsync(credentials, service, operation.Operation).ConfigureAwait(false);
        var content = operation.Request.ToUtf8();
        using var message = AwsSignedRequest.Build(Endpoint, keys, content, ContentType,
            [new("X-Amz-Target", $"{service.JsonTargetPrefix}.{operation.Operation}")], UserAgent);

        Calls?.RecordRequest(service.SigningName, operation.Operation);
        var (response, text) = await AwsSignedRequest.SendAsync(http, message, Endpoint, operation.Operation, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var status = (int)response.StatusCode;
            var requestId = Header(response, "x-amzn-RequestId");
            using var document = TryParse(text);
            if (!response.IsSuccessStatusCode)
            {
                var error = ReadError(service, operation.Operation, response, document, text, requestId);
                if (error.IsThrottling)
                    Calls?.RecordThrottled();
                throw error;
            }
            if (document is null && !string.IsNullOrWhiteSpace(text))
                throw new AwsServiceException(service.SigningName, operation.Operation, AwsErrorCodes.BadResponse,
                    $"the answer (HTTP {status}) is not JSON: {AwsSignedRequest.Shorten(text)}", status, requestId);
            var root = document?.RootElement ?? EmptyObject.RootElement;
            try
            {
                return operation.ReadResult(root);
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.BadResponse)
            {
                throw new AwsServiceException(service.SigningName, operation.Operation, AwsErrorCodes.BadResponse, e.ErrorMessage, status, requestId);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw new AwsServiceException(service.SigningName, operation.Operation, AwsErrorCodes.BadResponse, e.Message, status, requestId);
            }
        }
    }

    private static readonly JsonDocument EmptyObject = JsonDocument.Parse("{}");

    /// <summary>
    /// The error's code from <c>x-amzn-ErrorType</c> or the body's <c>__type</c> (either may carry a
    /// namespace, <c>com.amazonaws.organizations#AccessDeniedException</c>, or a suffix after ':'), and its message.
    /// </summary>
    internal static AwsServiceException ReadError(AwsServiceInfo service, string operation, HttpResponseMessage response, JsonDocument? document, string text, string? requestId)
    {
        var status = (int)response.StatusCode;
        var root = document?.RootElement;
        var code = Header(response, "x-amzn-ErrorType") ?? root?.String("__type") ?? root?.String("code");
        code = code is null ? null : Simplify(code);
        var message = root?.String("message") ?? root?.String("Message") ?? root?.String("errorMessage");
        if (string.IsNullOrEmpty(code))
        {
            code = AwsSignedRequest.CodeForStatus(status);
            message ??= $"HTTP {status}: {AwsSignedRequest.Shorten(text)}";
        }
        return new AwsServiceException(service.SigningName, operation, code, message ?? code, status, requestId);
    }

    internal static string Simplify(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            code = code[..colon];
        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code[(hash + 1)..] : code;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static JsonDocument? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
