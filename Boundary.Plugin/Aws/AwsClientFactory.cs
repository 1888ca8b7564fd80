using Amazon.Runtime;
using Boundary.Amplify;
using Boundary.Cli;

namespace Boundary.Aws;

/// <summary>What a command knows about where to call AWS: the options it was given and, for an env, the project.</summary>
public sealed record AwsConnectOptions
{
    public string? Profile { get; init; }

    public string? Region { get; init; }

    public string? EndpointUrl { get; init; }

    /// <summary>With <see cref="Env"/>: read the env's local-aws-info entry and team-provider-info Region.</summary>
    public AmplifyProject? Project { get; init; }

    public string? Env { get; init; }

    /// <summary>Counts every query-protocol request the session's clients send (audit's --verbose and benchmark).</summary>
    public AwsCallCounter? Calls { get; init; }
}

/// <summary>Clients for one set of credentials and one region.</summary>
public interface IAwsSession
{
    string Region { get; }

    /// <summary>The partition of <see cref="Region"/>.</summary>
    AwsPartition Partition { get; }

    /// <summary>Where the credentials came from, for messages ("profile 'prod' (--profile)").</summary>
    string CredentialSource { get; }

    /// <summary>Where the region came from, for messages ("--region", "team-provider-info", ...).</summary>
    string RegionSource { get; }

    /// <summary>The resolved credentials (e.g. for an SDK client of another service).</summary>
    AWSCredentials Credentials { get; }

    IIamClient Iam { get; }

    IStsClient Sts { get; }

    ICloudFormationClient CloudFormation => new CloudFormationClient(QueryClient(AwsServiceInfo.CloudFormation));

    IOrganizationsClient Organizations => new OrganizationsClient(JsonClient(AwsServiceInfo.Organizations));

    /// <summary>A query-protocol client for any service, e.g. <see cref="AwsServiceInfo.CloudFormation"/>.</summary>
    AwsQueryClient QueryClient(AwsServiceInfo service);

    /// <summary>A JSON-protocol client for any service, e.g. <see cref="AwsServiceInfo.Organizations"/>.</summary>
    AwsJsonClient JsonClient(AwsServiceInfo service);

    /// <summary>The same endpoints and request counter with other credentials (e.g. an assumed role's) and, when given, another region.</summary>
    IAwsSession WithCredentials(AWSCredentials credentials, string source, string? region = null);
}

/// <summary>The seam commands get their AWS clients through; tests can pass their own.</summary>
public interface IAwsClientFactory
{
    /// <summary>Resolves credentials and region; throws <see cref="AwsServiceException"/> (CredentialsError) when there are none.</summary>
    IAwsSession Connect(AwsConnectOptions options);
}

public sealed class AwsClientFactory(CliContext context, HttpMessageInvoker? http = null) : IAwsClientFactory
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
