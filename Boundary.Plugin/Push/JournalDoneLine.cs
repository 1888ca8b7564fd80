namespace Boundary.Push;

/// <summary>The journal's line written as a file is replaced: <c>{"done":i}</c>.</summary>
public sealed record JournalDoneLine(int Done);
