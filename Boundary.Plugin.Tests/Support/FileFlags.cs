using System.ComponentModel;
using System.Diagnostics;

namespace Boundary.Tests.Support;

/// <summary>Linux file attributes (chattr), for tests that need a file or folder nothing may change.</summary>
public static class FileFlags
{
    /// <summary>Runs <c>chattr -R FLAG PATH</c> (e.g. <c>+i</c>, <c>-i</c>; without -R for a folder alone); false where chattr is missing or the flag cannot be set (not root, another file system).</summary>
    public static bool Chattr(string flag, string path, bool recursive = true)
    {
        try
        {
            return ProcessRunner.Run(new ProcessStartInfo("chattr", recursive ? ["-R", flag, path] : [flag, path]), null, TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
