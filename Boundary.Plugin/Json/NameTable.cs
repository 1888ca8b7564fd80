using System.Text;
using System.Text.Json;

namespace Boundary.Json;

/// <summary>
/// One string per distinct member name: a template of thousands of resources repeats a few dozen names
/// ("Type", "Properties", "Version" ...), each decoded once instead of once per member. A small
/// direct-mapped table: a miss costs the decode it would have cost anyway. A slot answers only for
/// exactly its bytes (unescaped ASCII names only), so what one file put there cannot change another's names.
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
    private readonly string?[] slots = new string?[Size];

    /// <summary>The name the reader stands on (a property name token), decoded.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
            return reader.GetString()!;
        return Get(reader.ValueSpan);
    }

    /// <summary>
    /// The text of <paramref name="utf8"/> (checked UTF-8, no escapes). Only ASCII is kept: a slot then
    /// answers for exactly its bytes when they equal its string char for char, with no copy of the bytes.
    /// </summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
            return Encoding.UTF8.GetString(utf8);
        var hash = 2166136261u;
        foreach (var b in utf8)
            hash = (hash ^ b) * 16777619u;
        ref var slot = ref slots[hash & (Size - 1)];
        if (slot is { } known && Ascii.Equals(utf8, known))
            return known;
        var text = Encoding.UTF8.GetString(utf8);
        if (Ascii.IsValid(utf8))
            slot = text;
        return text;
    }
}
