using Boundary.Amplify;
using Boundary.Aws;

namespace Boundary.Environments;

/// <summary>Checks a boundary against an env's credentials: STS for the account, then IAM GetPolicy.</summary>
public sealed class ReachabilityChecker(Func<IAwsSession> connect)
{
    private IAwsSession? session;
    private CallerIdentity? identity;

    /// <summary>The account of the credentials, once <see cref="CheckAsync"/> has asked STS.</summary>
    public CallerIdentity? Identity => identity;

    public async Task<Reachability> CheckAsync(PolicyArn arn, string? regionPartitionHint = null, CancellationToken cancellationToken = default)
    {
        if (arn.IsAwsManaged)
        {
            // Every account has the AWS-managed policies of its partition: no call needed.
            var partition = regionPartitionHint;
            if (partition is not null && partition != arn.Partition)
                return new Reachability(ReachabilityStatus.NotReachable,
                    $"it is an AWS-managed policy of partition {arn.Partition}, and the environment's region is in partition {partition}", Partition: partition);
            return new Reachability(ReachabilityStatus.Reachable, "AWS-managed policies exist in every account");
        }
        try
        {
            session ??= connect();
            identity ??= await session.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            return Unknown(e, "the environment's account could not be determined");
        }

        if (identity.Partition != arn.Partition || identity.Account != arn.Account)
        {
            var sameName = new PolicyArn(identity.Partition, identity.Account, arn.Path, arn.Name);
            string? suggestion = null;
            try
            {
                suggestion = (await session.Iam.GetPolicyAsync(sameName.ToString(), cancellationToken).ConfigureAwait(false)).Arn;
            }
            catch (AwsServiceException)
            {
                // No policy of that name there, or no right to look: no suggestion.
            }
            var reason = identity.Partition != arn.Partition
                ? $"the policy is in partition {arn.Partition}, and the environment's credentials act in partition {identity.Partition} (account {identity.Account})"
                : $"the policy belongs to account {arn.Account}, and the environment's credentials act in account {identity.Account} (cross-account: a permissions boundary must be a policy of the role's own account)";
            return new Reachability(ReachabilityStatus.NotReachable, reason, identity.Account, identity.Partition, suggestion, CrossAccount: true);
        }

        try
        {
            await session.Iam.GetPolicyAsync(arn.ToString(), cancellationToken).ConfigureAwait(false);
            return new Reachability(ReachabilityStatus.Reachable, $"IAM GetPolicy found it in account {identity.Account}", identity.Account, identity.Partition);
        }
        catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
        {
            return new Reachability(ReachabilityStatus.NotReachable, $"IAM says no such policy exists in account {identity.Account} (NoSuchEntity)",
                identity.Account, identity.Partition, ErrorCode: e.ErrorCode);
        }
        catch (AwsServiceException e)
        {
            return Unknown(e, "IAM GetPolicy did not answer", identity.Account, identity.Partition);
        }
    }

    private static Reachability Unknown(AwsServiceException e, string what, string? account = null, string? partition = null) =>
        new(ReachabilityStatus.Unknown, $"{what}: {e.ErrorCode}: {e.ErrorMessage}", account, partition, ErrorCode: e.ErrorCode);
}
