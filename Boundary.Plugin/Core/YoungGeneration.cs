namespace Boundary.Core;

/// <summary>
/// Keeps the garbage collector's young generation small while templates are read. The collector
/// sizes it from the CPU cache (a cache of 260 MB gave a budget of about 100 MB), and the native
/// build reads no setting that caps it: a 2,000-template run grew to twice the memory it needed, almost
/// all of it garbage between collections. Readers call <see cref="Tick"/> at natural points (after
/// each file, after each resource of a large one); once the calling thread has allocated
/// <see cref="BudgetPerThread"/> since its last one, a young collection runs. Its cost is the objects
/// still alive, which a run keeps few of, so the time stays about the same (measured by the Bench target).
/// </summary>
public static class YoungGeneration
{
    private const long BudgetPerThread = 8L << 20;

    [ThreadStatic]
    private static long nextCollection;

    public static void Tick()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        if (allocated < nextCollection)
            return;
        // The first tick of a thread only starts its count: a small project never collects.
        if (nextCollection != 0)
            GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
        nextCollection = allocated + BudgetPerThread;
    }
}
