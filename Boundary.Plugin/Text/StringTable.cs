namespace Boundary.Text;

/// <summary>
/// Distinct strings, each kept once and named by its index: the packed lists (<see cref="PackedEdits"/>,
/// a plan's principal records) hold a handful of texts that thousands of entries repeat.
/// </summary>
public sealed class StringTable
{
    private readonly List<string> texts = [];
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

    /// <summary>The index of <paramref name="text"/>, added when it is new.</summary>
    public int IndexOf(string text)
    {
        if (!indexes.TryGetValue(text, out var index))
        {
            index = texts.Count;
            texts.Add(text);
            indexes.Add(text, index);
        }
        return index;
    }

    /// <summary>The strings, in the order of their indexes.</summary>
    public string[] ToArray() => [.. texts];
}
