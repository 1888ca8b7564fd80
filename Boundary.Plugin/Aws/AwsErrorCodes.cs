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
