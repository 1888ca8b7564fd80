using System.Text.RegularExpressions;
using Boundary.Aws;
using Boundary.Core;

namespace Boundary.Organizations;

/// <summary>
/// Finds the account (--account, else STS for the env's credentials), connects with the organisation's
/// credentials (--org-profile, else the env's) and walks the account's SCPs. AWS failures become one-line
/// <see cref="BoundaryException"/>s (exit 4) naming the missing permission.
/// </summary>
public sealed partial class RequirementsRunner(IAwsClientFactory aws)
{
    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountId();

    public static string ValidAccount(string account) =>
        AccountId().IsMatch(account) ? account : throw BoundaryException.Usage($"'{account}' is not an AWS account id (12 digits).");

    public async Task<AccountRequirement> RunAsync(RequirementsRequest request, CancellationToken cancellationToken = default)
    {
        var account = request.Account is null ? null : ValidAccount(request.Account);
        IAwsSession? envSession = null;
        if (account is null)
        {
            envSession = Connect(request.Env, "the env's");
            try
            {
                account = (await envSession.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false)).Account;
            }
            catch (AwsServiceException e)
            {
                throw BoundaryException.Aws($"the env's account could not be determined (sts:GetCallerIdentity with {envSession.CredentialSource}): {e.ErrorCode}: {e.ErrorMessage}. Pass --account <id>, or fix the credentials.", e);
            }
        }
        var orgSession = request.OrgProfile is not null
            ? Connect(request.Env with { Profile = request.OrgProfile, Project = null, Env = null }, "the organisation's")
            : envSession ?? Connect(request.Env, "the organisation's");
        return await ReadAsync(orgSession, account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The requirement for <paramref name="account"/>, read with <paramref name="session"/>'s credentials.</summary>
    public static async Task<AccountRequirement> ReadAsync(IAwsSession session, string account, CancellationToken cancellationToken = default)
    {
        try
        {
            return await new OrganizationReader(session.Organizations, session.Partition.Name).RequirementAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw BoundaryException.Aws(OrganizationPermissions.Describe(e, session.CredentialSource), e);
        }
    }

    private IAwsSession Connect(AwsConnectOptions options, string whose)
    {
        try
        {
            return aws.Connect(options);
        }
        catch (AwsServiceException e)
        {
            throw BoundaryException.Aws($"no usable AWS credentials for {whose} calls: {e.ErrorMessage}", e);
        }
    }
}
