namespace Boundary.Push;

/// <summary>The journal's line written once every entry is on disk: <c>{"ready":n}</c>.</summary>
public sealed record JournalReadyLine(int Ready);
