using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// One file in the journal: where it is (relative to the project root, '/' separators), its SHA-256
/// before and after, the edits that turn the after bytes back into the before bytes, the boundaries
/// added or replaced (for when the host rewrote the file meanwhile), and the stamp its
/// #current-cloud-backend copy had before the run (null when there was none), which tells whether the
/// host copied the file there since. Written and read as one journal line.
/// </summary>
public sealed record JournalEntry(
    int Index,
    string Path,
    string Before,
    string After,
    IReadOnlyList<TextEdit> Undo,
    IReadOnlyList<AddedBoundary> Added,
    IReadOnlyList<ReplacedBoundary> Replaced,
    FileStamp? CopyStamp);
