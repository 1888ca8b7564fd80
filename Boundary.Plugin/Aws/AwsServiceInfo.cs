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
