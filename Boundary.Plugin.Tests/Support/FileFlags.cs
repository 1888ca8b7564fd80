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

    /// <summary>Sets <paramref name="flag"/> (<c>+i</c>, <c>+a</c>) until disposed; for a caller that has made sure chattr works here.</summary>
    public static IDisposable Marked(string flag, string path, bool recursive = true)
    {
        if (!Chattr(flag, path, recursive))
            throw new InvalidOperationException($"chattr {flag} {path} failed.");
        return new Unmark(() => Chattr("-" + flag[1..], path, recursive));
    }

    private sealed class Unmark(Func<bool> clear) : IDisposable
    {
        public void Dispose() => clear();
    }

    /// <summary>Skips the test, saying why, where chattr cannot set flags (not root, a file system without them); tried on a probe file in <paramref name="folder"/>.</summary>
    public static void RequireChattr(string folder)
    {
        var probe = Path.Combine(folder, "chattr-probe");
        File.WriteAllText(probe, "");
        var available = Chattr("+i", probe) && Chattr("-i", probe);
        File.Delete(probe);
        if (!available)
            Assert.Ignore("chattr is not available here (not root, or a file system without the flags), so no file or folder can be marked.");
    }
}
