using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>
/// One query-protocol call: the action, its parameters and how to read its <c>&lt;ActionResult&gt;</c>
/// element. An operation is a few lines, e.g.
/// <code>new AwsQueryOperation&lt;IamRole&gt;("GetRole", new QueryParameters { ["RoleName"] = name }, r =&gt; IamRole.Read(r.Child("Role")!))</code>
/// </summary>
public sealed record AwsQueryOperation<T>(string Action, QueryParameters Parameters, Func<XElement, T> ReadResult);
