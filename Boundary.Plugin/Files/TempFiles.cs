using Boundary.Core;
using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Boundary.Files;

/// <summary>
/// The temp files <see cref="AtomicFile"/> writes beside a file before renaming them over it:
/// <c>.NAME.PID.GUID.tmp</c>. A run killed between the two leaves one behind; <see cref="Sweep"/> removes
/// those, and only those: the exact pattern, regular files, inside the root. The sweep runs under the
/// project lock, and every run that writes there holds it too: a temp file found then is never a live
/// write, whatever its process id (which a new process may have taken since).
/// </summary>
public static partial class TempFiles
{
    // The longest file name, in bytes, that Linux and macOS file systems take.
    private const int NameMax = 255;

    // What NameFor adds to a name, counted for the longest process id (Linux's largest pid_max, 4194304:
    // 7 digits), not this run's: a name refused on one machine is refused on all, and a name passed fits.
    private static readonly int NameAdded = $"..{4194304}.{Guid.Empty:N}.tmp".Length;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "node_modules" };

    // Dot files too (every temp file is one), and a folder that cannot be read is an error to the sweep, which goes on without it.
    private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    // This process's temp files not yet renamed or removed, for a run stopped by a signal (see RemovePending).
    private static readonly Dictionary<string, bool> Pending = new(StringComparer.Ordinal);
    private static readonly object PendingGate = new();
    private static bool stopping;

    // Taken with the first temp file, so that a command that writes none pays nothing at start-up.
    private static PosixSignalRegistration?[]? signalHandlers;

    /// <summary>
    /// Creates the temp file <paramref name="temp"/> and marks it pending until <see cref="Release"/>.
    /// Once the process is stopping (<see cref="RemovePending"/>), no temp file is created any more.
    /// </summary>
    internal static OutputFileStream Create(string temp, int bufferSize)
    {
        lock (PendingGate)
        {
            if (stopping)
                throw new IOException("the run is stopping");
            // SIGTERM (a cancelled CI job, a stopped container), SIGHUP and Ctrl+C's SIGINT end a run without
            // its finally blocks: the pending temp files are removed first, then the signal ends the process
            // as usual (or, where a command handles Ctrl+C itself, the run stops at its next write).
            signalHandlers ??= [OnSignal(PosixSignal.SIGTERM), OnSignal(PosixSignal.SIGHUP), OnSignal(PosixSignal.SIGINT)];
            var stream = new OutputFileStream(NativeFiles.OpenToWrite(temp, FileMode.CreateNew), bufferSize);
            Pending[temp] = true;
            return stream;
        }
    }

    private static PosixSignalRegistration? OnSignal(PosixSignal signal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, _ => RemovePending());
        }
        catch (PlatformNotSupportedException)
        {
            return null; // a platform without that signal: nothing to handle
        }
    }

    /// <summary>The temp file was renamed into place or removed: nothing left to clean up.</summary>
    internal static void Release(string temp)
    {
        lock (PendingGate)
            Pending.Remove(temp);
    }

    /// <summary>Deletes a temp file that will not be renamed into place, and forgets it.</summary>
    internal static void Remove(string temp)
    {
        TryDelete(temp);
        Release(temp);
    }

    /// <summary>
    /// Removes every temp file this process still has pending, and creates none after: for a run ended by
    /// SIGTERM or SIGHUP, which runs no finally block while other threads go on. A rename racing this either happened (nothing is left to remove) or fails (the file stays as it
    /// was, and a journal written before says which files post-push or restore must look at). Never throws.
    /// </summary>
    public static void RemovePending()
    {
        lock (PendingGate)
        {
            stopping = true;
            foreach (var temp in Pending.Keys)
                TryDelete(temp);
            Pending.Clear();
        }
    }

    /// <summary>
    /// Refuses a file whose temp file could not be made: its name, with the dot, process id, GUID and
    /// suffix <see cref="NameFor"/> adds, past the 255 bytes a file name may have, or its path past the
    /// system's limit. Without this check a long name passed a dry run and failed the real one with the
    /// system's message and advice about permissions that did not apply.
    /// </summary>
    public static void EnsureNameFits(string path, string target)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(target));
        if (nameBytes + NameAdded > NameMax)
            throw BoundaryException.File($"{path}: the name is too long for the temp file written beside it before the change ({nameBytes} bytes; the name and the {NameAdded} bytes added must fit in {NameMax}). Nothing was changed. Give the file a name of at most {NameMax - NameAdded} bytes and run again.");
        if (System.Text.Encoding.UTF8.GetByteCount(target) + NameAdded >= ProjectPath.PathMax)
            throw BoundaryException.File($"{path}: the path is too long for the temp file written beside it before the change (the system takes {ProjectPath.PathMax} bytes). Nothing was changed. Shorten the folder names on the way and run again.");
    }

    public static string NameFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    public static bool IsOurs(string fileName, out int processId)
    {
        processId = 0;
        var match = Pattern().Match(fileName);
        return match.Success && int.TryParse(match.Groups["pid"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out processId);
    }

    /// <summary>
    /// Deletes the temp files of ours left below <paramref name="folder"/> (links and node_modules are not
    /// followed) and returns their paths. <paramref name="held"/> is the project lock, taken by the caller:
    /// only with it is no other run of ours writing. Never throws: a temp file that cannot be removed is
    /// reported by the caller's next run again.
    /// </summary>
    public static IReadOnlyList<string> Sweep(ProjectLock held, string folder)
    {
        ArgumentNullException.ThrowIfNull(held);
        var removed = new List<string>();
        if (NativeFiles.KindOf(folder, followLinks: false) != FileKind.Directory)
            return removed;
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            List<(string Path, bool Directory)> entries;
            try
            {
                // The entry's type comes with its name (no call per entry): only names of ours and
                // folders are looked at again, without following links, before anything is done.
                entries = new FileSystemEnumerable<(string, bool)>(current, (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.IsDirectory), AllEntries).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var (entry, directory) in entries)
            {
                var name = Path.GetFileName(entry);
                var ours = IsOurs(name, out _);
                if (!ours && !directory)
                    continue;
                var kind = NativeFiles.KindOf(entry, followLinks: false);
                if (kind == FileKind.Directory && !SkippedFolders.Contains(name))
                    pending.Push(entry);
                else if (kind == FileKind.Regular && ours)
                {
                    TryDelete(entry);
                    removed.Add(entry);
                }
            }
        }
        return removed;
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^\..+\.(?<pid>[0-9]{1,10})\.[0-9a-f]{32}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
