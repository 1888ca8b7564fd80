namespace Boundary.Push;

/// <summary>The journal's first line.</summary>
public sealed record JournalHeaderLine(
    int BoundaryJournal,
    string Mode,
    string? Env,
    string? Boundary,
    DateTimeOffset Created,
    int Files,
    bool RecordsOwnership,
    string? OwnershipBefore);
