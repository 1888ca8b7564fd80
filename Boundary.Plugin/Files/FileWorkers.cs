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

    /// <summary>
    /// Threads for renames, whatever the cores: a rename over a file frees the old file's blocks, which
    /// some file systems hand to the disk as they go and wait for (ext4 mounted with discard and without
    /// a journal: 2,000 templates took 0.6 s on 2 threads, 0.35 s on 8, no less on 16). More threads
    /// overlap the waits.
    /// </summary>
    public const int RenameWorkers = 8;

    /// <summary>Options for reading <paramref name="count"/> files of <paramref name="totalBytes"/> in all (sizes the caller already has).</summary>
    public static ParallelOptions ForReading(int count, long totalBytes, int workers) =>
        new() { MaxDegreeOfParallelism = count <= SerialReads && totalBytes <= SerialBytes ? 1 : workers };

    /// <summary>Options for <paramref name="count"/> renames: one thread for a few, else <see cref="RenameWorkers"/>.</summary>
    public static ParallelOptions ForRenames(int count)
    {
        if (count <= SerialOperations)
            return new() { MaxDegreeOfParallelism = 1 };
        // The pool starts a thread a core and adds more only slowly while they wait: ask for them up front.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < RenameWorkers)
            ThreadPool.SetMinThreads(RenameWorkers, completionPorts);
        return new() { MaxDegreeOfParallelism = RenameWorkers };
    }
}
