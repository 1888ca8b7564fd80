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

    /// <summary>Options for reading <paramref name="paths"/>: one thread for a few small files, else up to <paramref name="workers"/>.</summary>
    public static ParallelOptions ForReading(IReadOnlyList<string> paths, int workers) =>
        new() { MaxDegreeOfParallelism = paths.Count <= SerialReads && TotalBytesAtMost(paths, SerialBytes) ? 1 : workers };

    /// <summary>Options for <paramref name="count"/> cheap operations (a rename each): one thread for a few, else up to <paramref name="workers"/>.</summary>
    public static ParallelOptions ForOperations(int count, int workers) =>
        new() { MaxDegreeOfParallelism = count <= SerialOperations ? 1 : workers };

    private static bool TotalBytesAtMost(IReadOnlyList<string> paths, long limit)
    {
        long total = 0;
        foreach (var path in paths)
        {
            try
            {
                total += new FileInfo(path).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only a guess of the work: the read that follows reports the file's problem.
                return false;
            }
            if (total > limit)
                return false;
        }
        return true;
    }
}
