using Boundary.Core;

namespace Boundary.Aws;

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
