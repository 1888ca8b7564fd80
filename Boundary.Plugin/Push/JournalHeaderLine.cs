using System.Text.Json.Serialization;

namespace Boundary.Push;

/// <summary>The journal's first line.</summary>
/// <param name="FileId">The journal file's own <see cref="Files.FileIdentity"/>, taken when it was created: a journal copied, cloned or shipped in a repository has another.</param>
/// <param name="Files">How many entries follow: only in format 3, whose entries were all known before the journal was written (format 4 journals each template as it is planned; its ready line has the count).</param>
public sealed record JournalHeaderLine(
    int BoundaryJournal,
    string Mode,
    string? Env,
    string? Boundary,
    DateTimeOffset Created,
    bool RecordsOwnership,
    string? OwnershipBefore,
    string FileId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Files = null);
