using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>One page of an answer, with the token that asks for the next one (null on the last page).</summary>
public sealed record AwsPage<T>(IReadOnlyList<T> Items, string? Next);
