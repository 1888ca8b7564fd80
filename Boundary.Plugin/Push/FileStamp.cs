using Boundary.Text;

namespace Boundary.Push;

/// <summary>A file's size and last write time: enough to tell whether someone replaced it since.</summary>
public sealed record FileStamp(long Length, long LastWriteTicks)
{
    public static FileStamp? Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }
}
