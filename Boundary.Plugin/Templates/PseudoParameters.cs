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

    /// <summary>
    /// When <see cref="AccountId"/> is not known: the accounts it may be that matter here, those of the
    /// other envs' boundaries. A role may deploy to the account of another env, and a value naming that
    /// env's policy through <c>${AWS::AccountId}</c> then gives that env's boundary.
    /// </summary>
    public IReadOnlyList<string> PossibleAccounts { get; init; } = [];

    /// <summary>
    /// From the env's boundary: its partition, and its account unless that is <c>aws</c>; then
    /// <paramref name="otherAccounts"/> (those of the other envs' boundaries) are the accounts it may be.
    /// </summary>
    public static PseudoParameters Of(string partition, string account, IReadOnlyList<string>? otherAccounts = null) =>
        account == "aws" ? new(null, partition) { PossibleAccounts = otherAccounts ?? [] } : new(account, partition);

    /// <summary>The value of the pseudo parameter <paramref name="name"/>, or null when it is not known here.</summary>
    public string? ValueOf(string name) => name switch
    {
        AccountIdName => AccountId,
        PartitionName => Partition,
        _ => null,
    };
}
