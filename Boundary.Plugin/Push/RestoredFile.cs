namespace Boundary.Push;

public sealed record RestoredFile(string Path, RestoreAction Action);
