using Amazon.Runtime;

namespace Boundary.Aws;

public interface IStsClient
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default);

    /// <summary>Temporary credentials of <paramref name="roleArn"/> (sts:AssumeRole), for one session of up to an hour.</summary>
    Task<AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken = default);
}
