namespace Boundary.Push;

/// <summary>The journal's first line.</summary>
/// <param name="FileId">The journal file's own <see cref="Files.FileIdentity"/>, taken when it was created: a journal copied, cloned or shipped in a repository has another.</param>
public sealed record JournalHeaderLine(
    int BoundaryJournal,
    string Mode,
    string? Env,
    string? Boundary,
    DateTimeOffset Created,
    int Files,
    bool RecordsOwnership,
    string? OwnershipBefore,
    string FileId);
