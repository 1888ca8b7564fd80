namespace Boundary.Core;

/// <summary>
/// Keeps the garbage collector's young generation small while templates are read. The collector
/// sizes it from the CPU cache (a cache of 260 MB gave a budget of about 100 MB), and the native
/// build reads no setting that caps it: a 2,000-template run grew to twice the memory it needed, almost
/// all of it garbage between collections. Readers call <see cref="Tick"/> at natural points (after
/// each file, report or journal entry; <see cref="TickWithin"/> after each resource); once the calling
/// thread has allocated <see cref="BudgetPerThread"/> since its last one, a young collection runs. Its
/// cost is the objects still alive, so a JSON file of ordinary size is not collected part way: its
/// nodes would be copied into the older generations only to die there.
/// </summary>
public static class YoungGeneration
{
    /// <summary>A template at least this large is collected part way through (a single template of hundreds of megabytes).</summary>
    public const long LargeFile = 16L << 20;

    /// <summary>
    /// A YAML template at least this large is collected part way through: YamlDotNet's garbage is some
    /// 35 times the text, so a file of this size alone makes about 8 MB of it, most of a young budget.
    /// </summary>
    public const long LargeYamlFile = 256L << 10;

    // 12 MB, not 8: once the plans were packed (a few arrays a template), fewer, larger collections
    // paused a fifth less on a 2,000-template project for about 12 MB more at peak (docs/performance.md).
    private const long BudgetPerThread = 12L << 20;

    [ThreadStatic]
    private static long nextCollection;

    private static long collections;

    /// <summary>The young collections <see cref="Tick"/> started in this process.</summary>
    public static long Collections => Interlocked.Read(ref collections);

    /// <summary><see cref="Tick"/>, inside a file of <paramref name="fileLength"/> bytes: only for a large one (<paramref name="large"/>, <see cref="LargeFile"/> unless given).</summary>
    public static void TickWithin(long fileLength, long large = LargeFile)
    {
        if (fileLength >= large)
            Tick();
    }

    /// <summary>
    /// Once the nodes read of a template of at least <see cref="LargeFile"/> that it does not keep (the
    /// other resources', the document's) are garbage: its young collections have moved them into the old
    /// generation, where they would stay until a full collection, under the memory that comes next. Not
    /// compacting: freeing them is what counts (a 200 MB template peaked as high either way).
    /// </summary>
    public static void AfterLargeParse(long fileLength)
    {
        if (fileLength >= LargeFile)
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
    }

    public static void Tick()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        if (allocated < nextCollection)
            return;
        // The first tick of a thread only starts its count: a small project never collects.
        if (nextCollection != 0)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
            Interlocked.Increment(ref collections);
        }
        nextCollection = allocated + BudgetPerThread;
    }
}
