using System.Globalization;

namespace Boundary.Core;

/// <summary>
/// What the garbage collector did over the process, for the benchmark: the native build carries no event
/// tracing, and on a large project the collector's pauses are the largest cost the floor program does not
/// pay. Asked for with <c>BOUNDARY_GC_STATS=1</c>; printed on stderr as one line, <c>gc-stats</c> and a
/// JSON object, when the command ends.
/// </summary>
public static class CollectorStats
{
    public const string Variable = "BOUNDARY_GC_STATS";

    /// <summary>Whether <paramref name="environment"/> (a variable's value by name) asks for the line.</summary>
    public static bool IsRequested(Func<string, string?> environment) => environment(Variable) == "1";

    /// <summary>
    /// Collections of each generation (a collection of an older generation counts for the younger ones
    /// too), those <see cref="YoungGeneration"/> started, the time every thread stood still for them, and
    /// the bytes allocated.
    /// </summary>
    public static string Line() => string.Create(CultureInfo.InvariantCulture,
        $"gc-stats {{\"collections\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)}," +
        $"\"forced\":{YoungGeneration.Collections},\"pauseMs\":{GC.GetTotalPauseDuration().TotalMilliseconds:F0}," +
        $"\"allocatedMB\":{GC.GetTotalAllocatedBytes() >> 20}}}");
}
