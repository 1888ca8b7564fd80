namespace Boundary.Templates;

/// <summary>
/// The order in which the threads of a scan take files: largest first (a large template taken last
/// would finish alone while the other cores idle, and the read buffers reach their size at once), and
/// at most one file named as YAML (<c>.yml</c>, <c>.yaml</c>) at a time while other files remain.
/// YamlDotNet rents and returns its string builders from one pool shared by every thread, several times
/// a scalar; two threads parsing YAML at once contend on it so much that a second core bought almost
/// nothing (the heavy benchmark's YAML part: 2.4 s on two cores, 2.4-2.8 s on one, with 60% more CPU),
/// while a JSON file beside a YAML one costs no contention. The name is only a hint for the order:
/// what a file is, JSON or YAML, is still decided by its content.
/// </summary>
public sealed class ScanSchedule
{
    private readonly int[] yaml;
    private readonly int[] other;
    private readonly object gate = new();
    private int nextYaml;
    private int nextOther;
    private int yamlInProgress;

    private ScanSchedule(int[] yaml, int[] other, long totalBytes)
    {
        this.yaml = yaml;
        this.other = other;
        TotalBytes = totalBytes;
    }

    /// <summary>The files' size in all (a file that cannot be measured counts as large: its read reports the problem).</summary>
    public long TotalBytes { get; }

    public int Count => yaml.Length + other.Length;

    /// <summary>Measures each of <paramref name="files"/> once and orders them.</summary>
    public static ScanSchedule For(IReadOnlyList<string> files)
    {
        var sizes = new long[files.Count];
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                sizes[i] = new FileInfo(files[i]).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sizes[i] = long.MaxValue / Math.Max(1, files.Count);
            }
            total += sizes[i];
        }
        return For(sizes, i => IsNamedYaml(files[i]), total);
    }

    /// <summary>Orders files by the sizes given (for callers that have them), <paramref name="isYaml"/> telling which are named as YAML.</summary>
    public static ScanSchedule For(IReadOnlyList<long> sizes, Func<int, bool> isYaml, long totalBytes)
    {
        var order = Enumerable.Range(0, sizes.Count).ToArray();
        Array.Sort(order, (a, b) => sizes[b].CompareTo(sizes[a]) is var bySize and not 0 ? bySize : a.CompareTo(b));
        return new ScanSchedule(order.Where(isYaml).ToArray(), order.Where(i => !isYaml(i)).ToArray(), totalBytes);
    }

    public static bool IsNamedYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Calls <paramref name="body"/> with each file's index, on up to <paramref name="options"/>'
    /// degree of parallelism (one: every call on the calling thread). An exception from
    /// <paramref name="body"/> ends the run as <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> does.
    /// </summary>
    public void Run(ParallelOptions options, Action<int> body)
    {
        var most = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var workers = Math.Max(1, Math.Min(most, Count));
        Parallel.For(0, workers, options, (_, state) =>
        {
            while (!state.ShouldExitCurrentIteration && Take() is var (index, isYaml) && index >= 0)
            {
                try
                {
                    body(index);
                }
                finally
                {
                    Done(isYaml);
                }
            }
        });
    }

    /// <summary>The next file: a YAML one when no other thread parses one, else another; a YAML one all the same when no other is left. -1 at the end.</summary>
    internal (int Index, bool IsYaml) Take()
    {
        lock (gate)
        {
            if (nextYaml < yaml.Length && (yamlInProgress == 0 || nextOther == other.Length))
            {
                yamlInProgress++;
                return (yaml[nextYaml++], true);
            }
            if (nextOther < other.Length)
                return (other[nextOther++], false);
            return (-1, false);
        }
    }

    /// <summary>A file taken with <see cref="Take"/> is done.</summary>
    internal void Done(bool isYaml)
    {
        if (!isYaml)
            return;
        lock (gate)
            yamlInProgress--;
    }
}
