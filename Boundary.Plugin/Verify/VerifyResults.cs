using System.Collections;
using Boundary.Core;

namespace Boundary.Verify;

/// <summary>Every template's verdicts of a verify, in file order, read as one list (see <see cref="PackedVerifyResults"/>).</summary>
public sealed class VerifyResults : IReadOnlyList<VerifyResult>
{
    private readonly IReadOnlyList<PackedVerifyResults> templates;
    // starts[i]: the index of templates[i]'s first result in the whole list.
    private readonly int[] starts;

    public VerifyResults(IReadOnlyList<PackedVerifyResults> templates)
    {
        this.templates = templates;
        starts = new int[templates.Count];
        var count = 0;
        for (var i = 0; i < templates.Count; i++)
        {
            starts[i] = count;
            count += templates[i].Count;
            ErrorCount += templates[i].ErrorCount;
            WarningCount += templates[i].WarningCount;
        }
        Count = count;
    }

    public int Count { get; }

    /// <summary>The results at the "error" level.</summary>
    public int ErrorCount { get; }

    /// <summary>The results at the "warning" level.</summary>
    public int WarningCount { get; }

    /// <summary>How many results have <paramref name="status"/>, without making them.</summary>
    public int CountOf(VerifyStatus status) => templates.Sum(t => t.CountOf(status));

    public VerifyResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            // The last template that starts at or before the index (empty ones start where the next does).
            var found = Array.BinarySearch(starts, index);
            var template = found >= 0 ? found : ~found - 1;
            while (templates[template].Count == 0 || index - starts[template] >= templates[template].Count)
                template++;
            return templates[template][index - starts[template]];
        }
    }

    public IEnumerator<VerifyResult> GetEnumerator()
    {
        foreach (var template in templates)
        {
            // The results are made as a report reads them, thousands of templates' worth: the garbage of
            // those already printed is collected young (see YoungGeneration).
            YoungGeneration.Tick();
            foreach (var result in template)
                yield return result;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
