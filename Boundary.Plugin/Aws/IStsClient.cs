namespace Boundary.Aws;

public interface IStsClient
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}
