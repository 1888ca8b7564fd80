using Amazon.Runtime;

namespace Boundary.Aws;

/// <summary>Who a set of credentials is: the account, the partition (from the ARN) and the principal's ARN.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId)
{
    public string Partition => Arn.Split(':') is { Length: > 2 } parts ? parts[1] : "aws";
}
