using System.Text.Json;

namespace Boundary.Aws;

/// <summary>
/// One JSON-protocol call: the operation (sent as <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>), the
/// request members and how to read the answer's root object. An operation is a few lines, e.g.
/// <code>new AwsJsonOperation&lt;string&gt;("DescribePolicy", new JsonRequest().Add("PolicyId", id), r =&gt; r.GetProperty("Policy")...)</code>
/// </summary>
public sealed record AwsJsonOperation<T>(string Operation, JsonRequest Request, Func<JsonElement, T> ReadResult);
