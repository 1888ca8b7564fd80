using System.Collections;

namespace Boundary.Text;

/// <summary>
/// A read-only list kept as one array of numbers (the same count an item) and the distinct strings
/// they name (see <see cref="StringTable"/>), each item made only when it is read: what a run keeps for
/// every role of a project costs the garbage collector a few objects a file instead of a few an item.
/// </summary>
public abstract class PackedList<T> : IReadOnlyList<T>
{
    private readonly int fields;

    protected PackedList(int[] records, int fields, string[] texts)
    {
        Records = records;
        this.fields = fields;
        Texts = texts;
    }

    /// <summary>The numbers, the same count an item, in order.</summary>
    protected int[] Records { get; }

    /// <summary>The strings the numbers name by index.</summary>
    protected string[] Texts { get; }

    public int Count => Records.Length / fields;

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return Make(index, index * fields);
        }
    }

    /// <summary>The item at <paramref name="index"/>, whose numbers start at <see cref="Records"/>[<paramref name="at"/>].</summary>
    protected abstract T Make(int index, int at);

    /// <summary>The string an index names; -1 names none.</summary>
    protected string? TextAt(int index) => index < 0 ? null : Texts[index];

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
