using Amazon.Runtime;

namespace Boundary.Aws;

/// <summary>Credentials with where they came from (for messages) and the region that came with them.</summary>
public sealed record ResolvedCredentials(AWSCredentials Credentials, string Source, string? Region);
