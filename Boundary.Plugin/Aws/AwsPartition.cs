namespace Boundary.Aws;

/// <summary>
/// An AWS partition as far as this tool needs it: its name (the ARN's second field), its DNS suffix,
/// and where its global IAM endpoint is and which region signs for it.
/// </summary>
public sealed record AwsPartition(string Name, string DnsSuffix, string IamHost, string IamSigningRegion)
{
    public static readonly AwsPartition Aws = new("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1");
    public static readonly AwsPartition China = new("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1");
    public static readonly AwsPartition GovCloud = new("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1");
    public static readonly AwsPartition Iso = new("aws-iso", "c2s.ic.gov", "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1");
    public static readonly AwsPartition IsoB = new("aws-iso-b", "sc2s.sgov.gov", "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1");

    public static IReadOnlyList<AwsPartition> All { get; } = [Aws, China, GovCloud, Iso, IsoB];

    /// <summary>The partition a region belongs to (by its prefix); the commercial one for anything else.</summary>
    public static AwsPartition ForRegion(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => China,
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => GovCloud,
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => IsoB,
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => Iso,
        _ => Aws,
    };
}
