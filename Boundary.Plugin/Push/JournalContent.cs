using Boundary.Text;

namespace Boundary.Push;

/// <summary>A journal as read back: complete when its plan was fully written before any file changed.</summary>
/// <param name="FileId">The identity the journal file had when it was written (null without a header).</param>
/// <param name="Hash">The hash its entries' <c>before</c> and <c>after</c> are of (by the journal's format).</param>
public sealed record JournalContent(JournalHeader Header, IReadOnlyList<JournalEntry> Entries, bool Complete, IReadOnlySet<int> Done, string? FileId, JournalHash Hash);
