namespace Boundary.Templates;

/// <summary>
/// The pseudo parameters a deployment gives its templates, as far as the env's boundary decides them:
/// IAM takes as a role's boundary only a policy of the role's own account (or an AWS-managed one), so
/// where that boundary is a customer policy, <c>AWS::AccountId</c> is its account whenever the role
/// deploys with it; <c>AWS::Partition</c> is its partition. A boundary value built from them
/// (<c>arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/Name</c>) then gives a known string.
/// </summary>
/// <param name="AccountId">Null when the env's boundary is AWS-managed (its ARN names no account).</param>
public sealed record PseudoParameters(string? AccountId, string Partition)
{
    public const string AccountIdName = "AWS::AccountId";

    public const string PartitionName = "AWS::Partition";

    /// <summary>From the env's boundary: its partition, and its account unless that is <c>aws</c>.</summary>
    public static PseudoParameters Of(string partition, string account) =>
        new(account == "aws" ? null : account, partition);

    /// <summary>The value of the pseudo parameter <paramref name="name"/>, or null when it is not known here.</summary>
    public string? ValueOf(string name) => name switch
    {
        AccountIdName => AccountId,
        PartitionName => Partition,
        _ => null,
    };
}
