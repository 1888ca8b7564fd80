namespace Boundary.Aws;

/// <summary>
/// A query-protocol service: what a request needs besides its action and parameters. Adding a service
/// is one line here (see <see cref="CloudFormation"/>) plus a thin typed wrapper like <see cref="IamClient"/>.
/// </summary>
/// <param name="Id">The SDK service id; <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> overrides its endpoint.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="Version">The API version sent with every request.</param>
/// <param name="EndpointPrefix">The host's first label: <c>&lt;prefix&gt;.&lt;region&gt;.&lt;dns suffix&gt;</c>.</param>
/// <param name="IsGlobal">One endpoint per partition (IAM, Organizations) rather than one per region.</param>
/// <param name="JsonTargetPrefix">For a JSON-protocol service, the <c>X-Amz-Target</c> prefix (<c>AWSOrganizationsV20161128</c>); null for the query protocol.</param>
public sealed record AwsServiceInfo(string Id, string SigningName, string Version, string EndpointPrefix, bool IsGlobal = false, string? JsonTargetPrefix = null)
{
    public static readonly AwsServiceInfo Iam = new("IAM", "iam", "2010-05-08", "iam", IsGlobal: true);

    public static readonly AwsServiceInfo Sts = new("STS", "sts", "2011-06-15", "sts");

    public static readonly AwsServiceInfo CloudFormation = new("CloudFormation", "cloudformation", "2010-05-15", "cloudformation");

    /// <summary>JSON 1.1 protocol; one endpoint per partition, like IAM.</summary>
    public static readonly AwsServiceInfo Organizations = new("Organizations", "organizations", "2016-11-28", "organizations", IsGlobal: true, JsonTargetPrefix: "AWSOrganizationsV20161128");

    /// <summary>The environment variable that overrides this service's endpoint, e.g. AWS_ENDPOINT_URL_IAM.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + Id.ToUpperInvariant().Replace(' ', '_');
}

/// <summary>A service bound to an endpoint and the region that signs for it.</summary>
public sealed record AwsServiceEndpoint(AwsServiceInfo Service, Uri Url, string SigningRegion, bool IsOverride)
{
    /// <summary>
    /// Where to send <paramref name="service"/>'s requests for <paramref name="region"/>:
    /// <paramref name="endpointUrl"/> (--endpoint-url), else <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, else
    /// <c>AWS_ENDPOINT_URL</c> (both ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>), else
    /// the partition's endpoint. An overridden endpoint still signs for the partition's region.
    /// </summary>
    public static AwsServiceEndpoint Resolve(AwsServiceInfo service, string region, string? endpointUrl, Func<string, string?> environment)
    {
        var partition = AwsPartition.ForRegion(region);
        var signingRegion = service.IsGlobal ? GlobalRegion(service, partition) : region;
        var custom = endpointUrl;
        if (string.IsNullOrEmpty(custom) && !string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            custom = environment(service.EndpointVariable);
            if (string.IsNullOrEmpty(custom))
                custom = environment("AWS_ENDPOINT_URL");
        }
        if (!string.IsNullOrEmpty(custom))
        {
            if (!Uri.TryCreate(custom, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw BoundaryException.Usage($"'{custom}' is not an endpoint URL: expected http(s)://host[:port].");
            return new AwsServiceEndpoint(service, url, signingRegion, IsOverride: true);
        }
        var host = service == AwsServiceInfo.Iam ? partition.IamHost
            : service.IsGlobal ? $"{service.EndpointPrefix}.{signingRegion}.{partition.DnsSuffix}"
            : $"{service.EndpointPrefix}.{region}.{partition.DnsSuffix}";
        return new AwsServiceEndpoint(service, new Uri($"https://{host}/"), signingRegion, IsOverride: false);
    }

    /// <summary>
    /// The region a global service's one endpoint lives in and signs for. Organizations in China is served
    /// from cn-northwest-1 (organizations.cn-northwest-1.amazonaws.com.cn); elsewhere it shares IAM's region.
    /// </summary>
    public static string GlobalRegion(AwsServiceInfo service, AwsPartition partition) =>
        service == AwsServiceInfo.Organizations && partition == AwsPartition.China ? "cn-northwest-1" : partition.IamSigningRegion;
}
