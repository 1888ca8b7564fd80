namespace Boundary.Cli;

/// <summary>The --json document of 'restore --discard': whether there was a journal to delete.</summary>
public sealed record DiscardDocument(bool Ok, string Command, bool Discarded);
