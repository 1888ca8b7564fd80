using System.Collections;

namespace Boundary.Text;

/// <summary>
/// A list of <see cref="TextEdit"/> kept as a few arrays: a run keeps each changed template's undo edits
/// until it ends (for a rollback), one a role, and as objects the edits of a large project were a good
/// part of what each garbage collection had to trace. Each edit is made when it is read.
/// </summary>
public sealed class PackedEdits : IReadOnlyList<TextEdit>
{
    // Per edit: offset, bytes removed, and the index into `texts` of the text inserted.
    private const int Fields = 3;

    private readonly int[] edits;
    // The distinct inserted texts: an undo edit of an insertion inserts "", of a replacement the old value.
    private readonly string[] texts;

    private PackedEdits(int[] edits, string[] texts)
    {
        this.edits = edits;
        this.texts = texts;
    }

    public static PackedEdits Of(IReadOnlyList<TextEdit> edits)
    {
        var packed = new int[edits.Count * Fields];
        var texts = new StringTable();
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            packed[i * Fields] = edit.Offset;
            packed[i * Fields + 1] = edit.RemoveLength;
            packed[i * Fields + 2] = texts.IndexOf(edit.Insert);
        }
        return new PackedEdits(packed, texts.ToArray());
    }

    public int Count => edits.Length / Fields;

    public TextEdit this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new TextEdit(edits[index * Fields], edits[index * Fields + 1], texts[edits[index * Fields + 2]]);
        }
    }

    public IEnumerator<TextEdit> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
