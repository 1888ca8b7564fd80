using System.Collections.Concurrent;

namespace Boundary.Aws;

/// <summary>
/// Counts the HTTP requests sent per operation (<c>iam:GetRole</c>, retries included) and the throttled
/// answers, across every client that shares it. Thread-safe: audit calls AWS from several tasks at once.
/// </summary>
public sealed class AwsCallCounter
{
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
    private int throttled;

    /// <summary>Requests sent so far, keyed <c>service:Action</c> (the IAM permission's spelling).</summary>
    public IReadOnlyDictionary<string, int> Requests =>
        requests.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value);

    public int Total => requests.Values.Sum();

    /// <summary>Answers that said "slow down" (each was retried after a backoff, or ended the call).</summary>
    public int Throttled => Volatile.Read(ref throttled);

    public void RecordRequest(string service, string action) => requests.AddOrUpdate($"{service}:{action}", 1, (_, n) => n + 1);

    public void RecordThrottled() => Interlocked.Increment(ref throttled);
}
