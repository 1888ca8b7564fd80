using Amazon.Runtime;
using Boundary.Amplify;

namespace Boundary.Aws;

/// <summary>The seam commands get their AWS clients through; tests can pass their own.</summary>
public interface IAwsClientFactory
{
    /// <summary>Resolves credentials and region; throws <see cref="AwsServiceException"/> (CredentialsError) when there are none.</summary>
    IAwsSession Connect(AwsConnectOptions options);
}
