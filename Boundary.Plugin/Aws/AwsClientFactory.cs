using Amazon.Runtime;
using Boundary.Amplify;
using Boundary.Core;

namespace Boundary.Aws;

public sealed class AwsClientFactory(RunContext context, HttpMessageInvoker? http = null) : IAwsClientFactory
{
    public IAwsSession Connect(AwsConnectOptions options)
    {
        var localAwsInfo = options.Project is not null && options.Env is not null ? LocalAwsInfo.Read(options.Project, options.Env) : null;
        var credentials = new AwsCredentialResolver(context.GetEnvironmentVariable).Resolve(options.Profile, localAwsInfo);
        var (region, regionSource) = ResolveRegion(options, credentials);
        return new AwsSession(credentials, region, regionSource, options.EndpointUrl, context.GetEnvironmentVariable, http ?? AwsQueryClient.DefaultHttp, options.Calls);
    }

    /// <summary>--region > the env's Region in team-provider-info > the profile's (or keys file's) region > AWS_REGION > AWS_DEFAULT_REGION > us-east-1.</summary>
    private (string Region, string Source) ResolveRegion(AwsConnectOptions options, ResolvedCredentials credentials)
    {
        if (!string.IsNullOrEmpty(options.Region))
            return (options.Region, "--region");
        if (options.Project is not null && options.Env is not null && File.Exists(options.Project.TeamProviderInfoPath))
        {
            var region = options.Project.LoadTeamProviderInfo().GetString(options.Env, AmplifyProject.ProviderKey, "Region");
            if (!string.IsNullOrEmpty(region))
                return (region, "team-provider-info.json");
        }
        if (!string.IsNullOrEmpty(credentials.Region))
            return (credentials.Region, credentials.Source);
        foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            if (context.GetEnvironmentVariable(name) is { Length: > 0 } value)
                return (value, name);
        return ("us-east-1", "default");
    }

    private sealed class AwsSession(
        ResolvedCredentials credentials, string region, string regionSource, string? endpointUrl,
        Func<string, string?> environment, HttpMessageInvoker http, AwsCallCounter? calls) : IAwsSession
    {
        private readonly AwsRetryPolicy retry = AwsRetryPolicy.FromEnvironment(environment);

        public string Region => region;

        public AwsPartition Partition => AwsPartition.ForRegion(region);

        public string CredentialSource => credentials.Source;

        public string RegionSource => regionSource;

        public AWSCredentials Credentials => credentials.Credentials;

        public IIamClient Iam => new IamClient(QueryClient(AwsServiceInfo.Iam));

        public IStsClient Sts => new StsClient(credentials.Credentials, AwsServiceEndpoint.Resolve(AwsServiceInfo.Sts, region, endpointUrl, environment), retry.MaxAttempts) { Calls = calls };

        public AwsQueryClient QueryClient(AwsServiceInfo service) =>
            new(AwsServiceEndpoint.Resolve(service, region, endpointUrl, environment), credentials.Credentials, http, retry) { Calls = calls };

        public AwsJsonClient JsonClient(AwsServiceInfo service) =>
            new(AwsServiceEndpoint.Resolve(service, region, endpointUrl, environment), credentials.Credentials, http, retry) { Calls = calls };

        public IAwsSession WithCredentials(AWSCredentials other, string source, string? otherRegion = null) =>
            new AwsSession(new ResolvedCredentials(other, source, credentials.Region), otherRegion ?? region, otherRegion is null ? regionSource : "--regions", endpointUrl, environment, http, calls);
    }
}
