namespace Boundary.Tests.Support;

/// <summary>A folder of packed tool packages (a NuGet feed) and the version they were packed with.</summary>
public sealed record ToolFeed(string Folder, string Version);
