namespace Boundary.Audit;

/// <summary>The AWS requests an audit sent, per operation (service:Action).</summary>
public sealed record AuditApiCalls(int Total, int Throttled, IReadOnlyDictionary<string, int> ByOperation);
