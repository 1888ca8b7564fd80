using Boundary.Text;

namespace Boundary.Push;

/// <summary>What a run was doing: its mode, env and boundary, and (persist mode) the ownership file's previous text.</summary>
public sealed record JournalHeader(string Mode, string? Env, string? Boundary, DateTimeOffset Created, bool RecordsOwnership, string? OwnershipBefore);
