using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SSO;
using Amazon.SSOOIDC;
using Amazon.SecurityToken;
using Amazon;

namespace Boundary.Aws;

/// <summary>
/// The SDK's credential providers load STS (role_arn, web identity), SSO and SSO OIDC (IAM Identity
/// Center profiles) by reflection, which the native (AOT) build cannot do
/// (<c>MissingRuntimeDependencyException</c>). Registering the clients here hands them over directly.
/// Each client honours the SDK's own endpoint settings (e.g. <c>AWS_ENDPOINT_URL_SSO</c>).
/// </summary>
public static class AwsSdkDependencies
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
            return;
        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(context =>
            new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), Config(new AmazonSecurityTokenServiceConfig(), context.SecurityTokenServiceClientContextData?.Region)));
        registry.RegisterSSOClient(context =>
            new AmazonSSOClient(new AnonymousAWSCredentials(), Config(new AmazonSSOConfig(), context.SSOClientContextData?.Region)));
        registry.RegisterSSOOIDCClient(context =>
            new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), Config(new AmazonSSOOIDCConfig(), context.SSOOIDCClientContextData?.Region)));
    }

    private static T Config<T>(T config, RegionEndpoint? region) where T : ClientConfig
    {
        if (region is not null)
            config.RegionEndpoint = region;
        return config;
    }
}
