namespace Boundary.Files;

/// <summary>
/// How many threads a loop over files gets. Starting the thread pool's workers (and spinning them down)
/// costs more than reading, parsing or renaming a few small files, as in a typical project's pre-push, so
/// a small batch runs on the calling thread: <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// with one degree of parallelism runs every iteration inline, with the same exceptions and stop semantics.
/// </summary>
public static class FileWorkers
{
    /// <summary>At most this many files, of at most <see cref="SerialBytes"/> in all, are read on the calling thread.</summary>
    public const int SerialReads = 64;

    public const long SerialBytes = 1 << 20;

    /// <summary>At most this many cheap operations (a rename each) run on the calling thread.</summary>
    public const int SerialOperations = 16;

    /// <summary>Options for reading <paramref name="count"/> files of <paramref name="totalBytes"/> in all (sizes the caller already has).</summary>
    public static ParallelOptions ForReading(int count, long totalBytes, int workers) =>
        new() { MaxDegreeOfParallelism = count <= SerialReads && totalBytes <= SerialBytes ? 1 : workers };

    /// <summary>Options for <paramref name="count"/> cheap operations (a rename each): one thread for a few, else up to <paramref name="workers"/>.</summary>
    public static ParallelOptions ForOperations(int count, int workers) =>
        new() { MaxDegreeOfParallelism = count <= SerialOperations ? 1 : workers };
}
