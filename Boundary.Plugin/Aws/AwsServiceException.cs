using Boundary.Core;
namespace Boundary.Aws;

/// <summary>The error codes this tool acts on. AWS services send them in the error document's <c>Code</c>.</summary>
public static class AwsErrorCodes
{
    public const string NoSuchEntity = "NoSuchEntity";
    public const string AccessDenied = "AccessDenied";
    public const string Throttling = "Throttling";
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string InvalidClientTokenId = "InvalidClientTokenId";
    public const string ExpiredToken = "ExpiredToken";

    /// <summary>Not an AWS code: the request never got an answer (DNS, refused connection, timeout).</summary>
    public const string Network = "NetworkError";

    /// <summary>Not an AWS code: no usable credentials (missing profile, expired SSO session, ...).</summary>
    public const string Credentials = "CredentialsError";

    /// <summary>Not an AWS code: the answer could not be read (not XML, no result element).</summary>
    public const string BadResponse = "BadResponse";

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        Throttling, "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalError", "ServiceUnavailable", Network,
    };

    public static bool IsThrottling(string code) => ThrottlingCodes.Contains(code);

    public static bool IsTransient(string code) => ThrottlingCodes.Contains(code) || TransientCodes.Contains(code);
}

/// <summary>
/// A failed AWS call: the service's error code (<see cref="AwsErrorCodes"/>), its message, the HTTP status
/// and the request id. Commands turn it into a <see cref="BoundaryException"/> with exit code 4 when it
/// is not a case they handle.
/// </summary>
public sealed class AwsServiceException(
    string service, string operation, string errorCode, string message,
    int? statusCode = null, string? requestId = null, Exception? inner = null)
    : Exception($"{service} {operation} failed: {errorCode}: {message}", inner)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public string ErrorCode { get; } = errorCode;

    /// <summary>The service's own message, without the service, operation and code around it.</summary>
    public string ErrorMessage { get; } = message;

    public int? StatusCode { get; } = statusCode;

    public string? RequestId { get; } = requestId;

    public bool IsThrottling => AwsErrorCodes.IsThrottling(ErrorCode) || StatusCode == 429;

    /// <summary>Worth another attempt: throttling, a 5xx, or no answer at all.</summary>
    public bool IsTransient => AwsErrorCodes.IsTransient(ErrorCode) || StatusCode is 429 or >= 500;

    public BoundaryException ToBoundaryException(string? what = null) =>
        BoundaryException.Aws((what is null ? "" : what + ": ") + Message + (RequestId is null ? "" : $" (request id {RequestId})"), this);
}
