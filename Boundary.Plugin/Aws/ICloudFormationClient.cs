using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>The CloudFormation calls this tool makes (query protocol, version 2010-05-15).</summary>
public interface ICloudFormationClient
{
    Task<AwsPage<StackResourceSummary>> ListStackResourcesAsync(string stackNameOrId, string? nextToken = null, CancellationToken cancellationToken = default);

    Task<AwsPage<StackSummary>> ListStacksAsync(string? nextToken = null, CancellationToken cancellationToken = default);
}
