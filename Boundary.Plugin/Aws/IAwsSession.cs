using Amazon.Runtime;
using Boundary.Amplify;

namespace Boundary.Aws;

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
