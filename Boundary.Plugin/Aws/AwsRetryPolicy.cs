namespace Boundary.Aws;

/// <summary>
/// Bounded retries with exponential backoff and full jitter (the delay before attempt n+1 is uniform in
/// [0, min(MaxDelay, BaseDelay * 2^n)]), for throttling, 5xx answers and network failures.
/// </summary>
public sealed class AwsRetryPolicy
{
    public static readonly AwsRetryPolicy Default = new();

    /// <summary>Total attempts, the first one included.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How to wait; tests replace it to record the delays instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>The policy with <c>AWS_MAX_ATTEMPTS</c> applied (the SDKs' own variable), when it is a positive number.</summary>
    public static AwsRetryPolicy FromEnvironment(Func<string, string?> environment)
    {
        var text = environment("AWS_MAX_ATTEMPTS");
        return int.TryParse(text, out var attempts) && attempts is > 0 and <= 20 ? new AwsRetryPolicy { MaxAttempts = attempts } : Default;
    }

    public TimeSpan DelayBefore(int nextAttempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, nextAttempt - 1));
        return TimeSpan.FromMilliseconds(ceiling * Random());
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the attempts run out.</summary>
    public async Task<T> ExecuteAsync<T>(Func<int, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.IsTransient && n < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Delay(DelayBefore(n), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
