using System.Runtime.ExceptionServices;

namespace Boundary.Files;

/// <summary>
/// <see cref="TempFiles.Sweep"/> on a thread of its own, so that a run's other reading (the walk for
/// templates) goes on beside it. The sweep removes only names of ours, which no walk for templates takes.
/// <see cref="Wait"/> before the run writes anything (a temp file of its own could be taken for a stale
/// one); disposing waits too, so that the sweep never outlives the lock it runs under.
/// </summary>
public sealed class TempFileSweep : IDisposable
{
    private readonly Thread thread;
    private IReadOnlyList<string> removed = [];
    private ExceptionDispatchInfo? failure;

    public TempFileSweep(ProjectLock held, string folder)
    {
        thread = new Thread(() =>
        {
            try
            {
                removed = TempFiles.Sweep(held, folder);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = "temp file sweep" };
        thread.Start();
    }

    /// <summary>Waits for the sweep to end; the temp files it removed.</summary>
    public IReadOnlyList<string> Wait()
    {
        thread.Join();
        failure?.Throw();
        return removed;
    }

    public void Dispose() => thread.Join();
}
