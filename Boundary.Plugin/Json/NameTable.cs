using System.Text.Json;

namespace Boundary.Json;

/// <summary>
/// One string per distinct member name: a template of thousands of resources repeats a few dozen names
/// ("Type", "Properties", "Version" ...), each decoded once instead of once per member. A small
/// direct-mapped table: a miss costs the decode it would have cost anyway. A slot answers only for
/// exactly its bytes (unescaped names only), so what one file put there cannot change another's names.
/// </summary>
internal sealed class NameTable
{
    /// <summary>
    /// One table a thread, kept from file to file (templates share their names): a table a parse was a
    /// 12 KB array for every template read.
    /// </summary>
    [ThreadStatic]
    private static NameTable? forThisThread;

    public static NameTable ForThisThread => forThisThread ??= new NameTable();

    private const int Size = 512;
    private const int MaxLength = 64;
    private readonly (byte[] Utf8, string Text)?[] slots = new (byte[], string)?[Size];

    /// <summary>The name the reader stands on (a property name token), decoded.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
            return reader.GetString()!;
        var bytes = reader.ValueSpan;
        var hash = 2166136261u;
        foreach (var b in bytes)
            hash = (hash ^ b) * 16777619u;
        ref var slot = ref slots[hash & (Size - 1)];
        if (slot is { } known && bytes.SequenceEqual(known.Utf8))
            return known.Text;
        var text = reader.GetString()!;
        slot = (bytes.ToArray(), text);
        return text;
    }
}
