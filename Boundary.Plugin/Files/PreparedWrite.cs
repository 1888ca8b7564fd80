using Boundary.Core;

namespace Boundary.Files;

/// <summary>A temp file holding a file's new bytes, waiting to replace it; deleted when never committed.</summary>
public sealed class PreparedWrite : IDisposable
{
    private readonly string temp;
    private bool committed;

    internal PreparedWrite(string path, string target, string temp)
    {
        Path = path;
        Target = target;
        this.temp = temp;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>The real path replaced (inside the root).</summary>
    public string Target { get; }

    /// <summary>Replaces the file with the temp file (one rename).</summary>
    public void Commit()
    {
        try
        {
            File.Move(temp, Target, overwrite: true);
            committed = true;
            TempFiles.Release(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{Path}: cannot be written ({e.Message}). Check the folder's permissions and free space.", e);
        }
    }

    public void Dispose()
    {
        if (committed)
            return;
        TempFiles.Remove(temp);
    }
}
