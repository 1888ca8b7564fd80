using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Amazon.SecurityToken;

namespace Boundary.Aws;

/// <summary>
/// A profile's <c>role_arn</c> + <c>source_profile</c>: the source profile's credentials assume the role
/// through the SDK's STS client, refreshed before they expire. The SDK's own provider gets its STS client
/// from the runtime dependency registry without the source credentials, which the native build needs, so
/// this one builds the client with them (and with this tool's STS endpoint resolution).
/// </summary>
public sealed class RoleChainCredentials(AWSCredentials source, string roleArn, string sessionName, string? externalId, AwsServiceEndpoint sts)
    : RefreshingAWSCredentials
{
    public string RoleArn { get; } = roleArn;

    // The SDK declares this refresh synchronous and calls it from its own synchronous paths, so it has to
    // wait here: the one place the tool blocks on a task. Its own calls go through the async override below.
    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var client = new AmazonSecurityTokenServiceClient(source, StsClient.CreateConfig(sts, AwsRetryPolicy.Default.MaxAttempts));
        var answer = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = sessionName, ExternalId = externalId }).ConfigureAwait(false);
        var keys = answer.Credentials;
        return new CredentialsRefreshState(new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken), keys.Expiration ?? DateTime.UtcNow.AddMinutes(15));
    }
}
