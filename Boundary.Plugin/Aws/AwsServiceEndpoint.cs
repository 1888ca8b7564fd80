using Boundary.Core;

namespace Boundary.Aws;

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
