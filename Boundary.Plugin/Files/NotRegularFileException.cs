using Boundary.Core;

namespace Boundary.Files;

/// <summary>A path that names a FIFO, socket, device or folder where a file was expected: never opened, never read.</summary>
public sealed class NotRegularFileException(string path, FileKind kind)
    : BoundaryException(ExitCodes.ProjectOrFile, $"{path}: not a regular file ({Describe(kind)}); 'dotnet boundary' reads and writes only regular files. Remove it or replace it with a file, and run again.")
{
    public string Path { get; } = path;

    public FileKind Kind { get; } = kind;

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        _ => "a FIFO, socket or device",
    };
}
