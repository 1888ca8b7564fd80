namespace Boundary.Text;

/// <summary>
/// A list of <see cref="TextEdit"/> kept as a few arrays: a run keeps each changed template's undo edits
/// until it ends (for a rollback), one a role, and as objects the edits of a large project were a good
/// part of what each garbage collection had to trace. Each edit is made when it is read.
/// </summary>
public sealed class PackedEdits : PackedList<TextEdit>
{
    // Per edit: offset, bytes removed, and the index of the text inserted among the distinct ones (an undo
    // edit of an insertion inserts "", of a replacement the old value).
    private const int Fields = 3;

    private PackedEdits(int[] edits, string[] texts)
        : base(edits, Fields, texts)
    {
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

    protected override TextEdit Make(int index, int at) => new(Records[at], Records[at + 1], Texts[Records[at + 2]]);
}
