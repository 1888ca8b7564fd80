using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Amazon.SecurityToken;
using Amazon;

namespace Boundary.Aws;

/// <summary>STS through the SDK's own client (AWSSDK.SecurityToken), with our endpoint resolution.</summary>
public sealed class StsClient(AWSCredentials credentials, AwsServiceEndpoint endpoint, int maxAttempts) : IStsClient
{
    public AmazonSecurityTokenServiceConfig Config { get; } = CreateConfig(endpoint, maxAttempts);

    /// <summary>Where to count the calls (the SDK's own retries are not seen; null: not counted).</summary>
    public AwsCallCounter? Calls { get; init; }

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        CallAsync("GetCallerIdentity", async client =>
        {
            var answer = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return new CallerIdentity(answer.Account, answer.Arn, answer.UserId);
        }, cancellationToken);

    public Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken = default) =>
        CallAsync("AssumeRole", async client =>
        {
            var answer = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName }, cancellationToken).ConfigureAwait(false);
            var keys = answer.Credentials;
            return (AWSCredentials)new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
        }, cancellationToken);

    private async Task<T> CallAsync<T>(string operation, Func<AmazonSecurityTokenServiceClient, Task<T>> call, CancellationToken cancellationToken)
    {
        Calls?.RecordRequest("sts", operation);
        try
        {
            using var client = new AmazonSecurityTokenServiceClient(credentials, Config);
            return await call(client).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (e.InnerException is HttpRequestException or IOException || (e.StatusCode == 0 && string.IsNullOrEmpty(e.ErrorCode)))
        {
            throw new AwsServiceException("sts", operation, AwsErrorCodes.Network, e.Message, inner: e);
        }
        catch (AmazonServiceException e)
        {
            throw new AwsServiceException("sts", operation, e.ErrorCode ?? "Unknown", e.Message, (int)e.StatusCode, e.RequestId, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException("sts", operation, AwsErrorCodes.Network, e.Message, inner: e);
        }
        catch (AmazonClientException e)
        {
            throw new AwsServiceException("sts", operation, AwsErrorCodes.Credentials, e.Message, inner: e);
        }
    }

    internal static AmazonSecurityTokenServiceConfig CreateConfig(AwsServiceEndpoint endpoint, int maxAttempts)
    {
        // Endpoints come from our own resolution (which reads the tool's environment), never from the SDK's.
        var config = new AmazonSecurityTokenServiceConfig
        {
            IgnoreConfiguredEndpointUrls = true,
            MaxErrorRetry = Math.Max(0, maxAttempts - 1),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (endpoint.IsOverride)
        {
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoint.SigningRegion);
        }
        return config;
    }
}
