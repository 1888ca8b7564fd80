using Amazon.Runtime;

namespace Boundary.Aws;

/// <summary>
/// The credentials of an IAM Identity Center (SSO) profile, read by the SDK from the cached token of
/// <c>aws sso login</c>. A missing or expired token becomes one line that says what to run, instead
/// of the SDK's own exception chain.
/// </summary>
public sealed class SsoProfileCredentials(AWSCredentials inner, string profile) : AWSCredentials
{
    public string Profile { get; } = profile;

    public string LoginHint => $"the SSO session of profile '{Profile}' has expired or was never started: run 'aws sso login --profile {Profile}'";

    /// <summary>No answer from the portal is not an expired session: say which it is.</summary>
    private AmazonClientException Explain(Exception e) =>
        e is HttpRequestException or IOException || e.InnerException is HttpRequestException or IOException
            ? new AmazonClientException($"the SSO portal could not be reached for profile '{Profile}': {e.Message}", e)
            : new AmazonClientException(LoginHint, e);

    public override ImmutableCredentials GetCredentials()
    {
        try
        {
            return inner.GetCredentials();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Explain(e);
        }
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            return await inner.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Explain(e);
        }
    }
}
