namespace Boundary.Tests.Support;

/// <summary>A new folder under the system's temp folder, deleted with everything in it on <see cref="Dispose"/>.</summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
