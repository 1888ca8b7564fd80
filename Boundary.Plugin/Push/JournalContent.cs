using Boundary.Text;

namespace Boundary.Push;

/// <summary>A journal as read back: complete when its plan was fully written before any file changed.</summary>
public sealed record JournalContent(JournalHeader Header, IReadOnlyList<JournalEntry> Entries, bool Complete, IReadOnlySet<int> Done);
