using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using Boundary.Core;

namespace Boundary.Files;

/// <summary>
/// An exclusive lock on a project's files, so two runs at once cannot lose each other's update. It is an
/// OS lock on an open file: it ends with the process, so a killed run leaves nothing stale behind.
/// </summary>
public sealed class ProjectLock : IDisposable
{
    private readonly FileStream stream;

    private ProjectLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static TimeSpan DefaultTimeout
    {
        get
        {
            var text = Environment.GetEnvironmentVariable("BOUNDARY_LOCK_TIMEOUT_SECONDS");
            return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(30);
        }
    }

    /// <summary>Takes the lock of the project at <paramref name="root"/>, whose state folder is <paramref name="stateDir"/> (both confined to the root).</summary>
    public static ProjectLock Acquire(string root, string stateDir, TimeSpan? timeout = null) =>
        Open(StateFolder.Ensure(root, stateDir), FileMode.OpenOrCreate, timeout)!;

    /// <summary>
    /// For a run that writes nothing (a dry run): the lock, when the project already has one, so that the
    /// journal is not read while a run that writes holds it; null when it has none. Creates nothing (no
    /// folder, .gitignore or lock file), and refuses what <see cref="Acquire"/> would refuse.
    /// </summary>
    public static ProjectLock? AcquireExisting(string root, string stateDir, TimeSpan? timeout = null) =>
        Open(StateFolder.EnsureCreatable(root, stateDir), FileMode.Open, timeout);

    private static ProjectLock? Open(string folder, FileMode mode, TimeSpan? timeout)
    {
        var path = Path.Combine(folder, "lock");
        var kind = NativeFiles.KindOf(path, followLinks: false);
        if (kind == FileKind.Missing && mode == FileMode.Open)
            return null;
        if (kind is FileKind.SymbolicLink or FileKind.Special or FileKind.Directory)
            throw BoundaryException.File($"{path}: not a regular file ({(kind == FileKind.SymbolicLink ? "a link" : NotRegularFileException.Describe(kind))}); the lock must be a plain file. Delete it and run again.");
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Made here (O_EXCL), or opened as it is: only a lock this run made is given the state
                // folder's owner, never one found in place, which could be a hard link to another file.
                var created = false;
                SafeFileHandle handle;
                try
                {
                    handle = NativeFiles.OpenToWrite(path, mode == FileMode.Open ? FileMode.Open : FileMode.CreateNew, read: true, exclusive: true);
                    created = mode != FileMode.Open;
                }
                catch (IOException) when (mode != FileMode.Open && NativeFiles.KindOf(path, followLinks: false) == FileKind.Regular)
                {
                    handle = NativeFiles.OpenToWrite(path, FileMode.Open, read: true, exclusive: true);
                }
                try
                {
                    NativeFiles.LockExclusively(handle);
                    // The state folder's owner, as for every file the tool makes: a lock left by a run as
                    // root would keep the user from every later run.
                    if (created)
                        NativeFiles.MatchOwner(handle, folder);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
                return new ProjectLock(new FileStream(handle, FileAccess.ReadWrite));
            }
            catch (FileNotFoundException) when (mode == FileMode.Open)
            {
                return null; // removed since it was seen: no run holds it
            }
            catch (UnauthorizedAccessException e) when (NativeFiles.IsImmutableOrAppendOnly(path))
            {
                throw BoundaryException.File($"{path}: cannot be opened ({e.Message}): it is marked immutable or append-only ('lsattr' shows it). Clear the flag ('chattr -i -a') and run again.", e);
            }
            catch (UnauthorizedAccessException e) when (NativeFiles.BelongsToAnotherUser(path))
            {
                // Typically left by a run as root (older versions gave it root's ownership): chmod cannot help.
                throw BoundaryException.File($"{path}: cannot be opened ({e.Message}): it belongs to another user (left by a run as root?). The lock holds nothing: delete it (as its owner, or with sudo) and run again.", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw BoundaryException.File($"{path}: cannot be opened ({e.Message}). Make {folder} and the files in it writable for you (chmod u+w) and run again.", e);
            }
            catch (IOException) when (clock.Elapsed < limit)
            {
                Thread.Sleep(50);
            }
            catch (IOException e)
            {
                throw BoundaryException.File($"{path}: another 'dotnet boundary' run has held this project's lock for over {limit.TotalSeconds:0} s. Wait for it to finish and run again (BOUNDARY_LOCK_TIMEOUT_SECONDS sets the wait).", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
