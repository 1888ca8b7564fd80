namespace Boundary.Aws;

/// <summary>
/// A query-protocol service: what a request needs besides its action and parameters. Adding a service
/// is one line here (see <see cref="CloudFormation"/>) plus a thin typed wrapper like <see cref="IamClient"/>.
/// </summary>
/// <param name="Id">The SDK service id; <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> overrides its endpoint.</param>
/// <param name="SigningName">The SigV4 service name.</param>
/// <param name="Version">The API version sent with every request.</param>
/// <param name="EndpointPrefix">The host's first label: <c>&lt;prefix&gt;.&lt;region&gt;.&lt;dns suffix&gt;</c>.</param>
/// <param name="IsGlobal">One endpoint per partition (IAM) rather than one per region.</param>
public sealed record AwsServiceInfo(string Id, string SigningName, string Version, string EndpointPrefix, bool IsGlobal = false)
{
    public static readonly AwsServiceInfo Iam = new("IAM", "iam", "2010-05-08", "iam", IsGlobal: true);

    public static readonly AwsServiceInfo Sts = new("STS", "sts", "2011-06-15", "sts");

    public static readonly AwsServiceInfo CloudFormation = new("CloudFormation", "cloudformation", "2010-05-15", "cloudformation");

    /// <summary>The environment variable that overrides this service's endpoint, e.g. AWS_ENDPOINT_URL_IAM.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + Id.ToUpperInvariant().Replace(' ', '_');
}
