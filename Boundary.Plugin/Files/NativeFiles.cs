using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Boundary.Files;

/// <summary>What kind of file system object a path names.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket, character or block device: never opened as a file.</summary>
    Special,
}

/// <summary>
/// The few POSIX calls .NET does not expose: a file's type (statx, whose layout is the same on every
/// Linux architecture), an open that cannot block on a FIFO (O_NONBLOCK), a check that a standard
/// stream's descriptor is open, and the file-size limit's signal ignored. Linux only; elsewhere the
/// callers fall back to .NET's own calls.
/// </summary>
internal static partial class NativeFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const uint StatxBtime = 0x800;
    private const int ModeOffset = 28;
    private const int InoOffset = 32;
    private const int BtimeOffset = 80;
    private const int StatxSize = 256;
    private const int ORdOnly = 0;
    private const int ORdWr = 2;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int FGetFd = 1;
    private const int ENoEnt = 2;
    private const int ENxio = 6;
    private const int EAcces = 13;
    private const int ENotDir = 20;
    private const int ELoop = 40;
    private const int EPerm = 1;
    private const int EExist = 17;
    private const int EWouldBlock = 11;
    private const int ENoSys = 38;
    private const int OWrOnly = 1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int OTrunc = 0x200;
    private const int ONoFollow = 0x20000;
    private const long SysOpenAt2 = 437; // the same on x64 and arm64 Linux
    private const int OPath = 0x200000;
    private const int ODirectory = 0x10000;
    private const ulong ResolveNoSymlinks = 0x04;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int SigXfsz = 25; // the same on x64 and arm64 Linux
    private const nint SigIgn = 1;

    public static bool Supported { get; } = OperatingSystem.IsLinux() && (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int OpenAt2(long number, int dirfd, string path, OpenHow* how, nuint size);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAt(int dirfd, string name, int mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAt(int dirfd, string name, int flags);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FChownAt(int dirfd, string name, uint owner, uint group, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "faccessat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FAccessAt(int dirfd, string path, int mode, int flags);

    private const int WOk = 2;
    private const int XOk = 1;
    private const int AtEAccess = 0x200;
    private const int ERofs = 30;

    /// <summary>
    /// Whether this process may create a file in <paramref name="folder"/> (write and search permission, a
    /// file system mounted writable), as the kernel judges it for the effective user and its capabilities
    /// (<c>AT_EACCESS</c>, as <c>test -w</c> asks). Only a clear no counts (EACCES, EROFS): a call refused
    /// by a seccomp profile (EPERM) or missing from an old kernel (ENOSYS) is no answer, and the write
    /// itself then answers. Only asked where the call is known (<see cref="Supported"/>).
    /// </summary>
    public static bool CanCreateIn(string folder)
    {
        if (!Supported || FAccessAt(AtFdCwd, folder, WOk | XOk, AtEAccess) == 0)
            return true;
        return Marshal.GetLastPInvokeError() is not (EAcces or ERofs);
    }

    /// <summary>
    /// Whether this process may not write <paramref name="path"/> (its links followed), as <c>test -w</c>
    /// judges it (<c>AT_EACCESS</c>): a file of another user that its folder would let us replace. As for
    /// <see cref="CanCreateIn"/>, only a clear no counts.
    /// </summary>
    public static bool CannotWrite(string path) =>
        Supported && FAccessAt(AtFdCwd, path, WOk, AtEAccess) != 0 && Marshal.GetLastPInvokeError() is EAcces or ERofs;

    /// <summary>
    /// Whether <paramref name="path"/> (not followed if a link) is marked immutable or append-only
    /// (<c>chattr +i</c>, <c>+a</c>): nothing can then be renamed over it, nor, for a folder, into it. Read
    /// from statx's attributes, so even a process whose <c>faccessat</c> is refused learns it; false where
    /// the file system does not report the attributes, or the call is not known.
    /// </summary>
    public static bool IsImmutableOrAppendOnly(string path) => HasAttribute(path, StatxAttrImmutable | StatxAttrAppend);

    /// <summary>Whether <paramref name="path"/> is marked immutable (<c>chattr +i</c>): nothing can be created in such a folder (append-only still allows it).</summary>
    public static bool IsImmutable(string path) => HasAttribute(path, StatxAttrImmutable);

    private static unsafe bool HasAttribute(string path, ulong attribute)
    {
        if (!Supported)
            return false;
        var buffer = stackalloc byte[StatxSize];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) == 0 && (Attributes(buffer) & attribute) != 0;
    }

    private static unsafe ulong Attributes(byte* statx) => *(ulong*)(statx + AttributesOffset) & *(ulong*)(statx + AttributesMaskOffset);

    /// <summary>
    /// What keeps <paramref name="file"/> from being renamed over or removed in <paramref name="folder"/>,
    /// from one <c>statx</c> of each: a flag on either (<see cref="ReplaceBlocker.ImmutableOrAppendOnly"/>),
    /// or a sticky folder (a shared one such as /tmp) where neither the folder nor the file is this
    /// process's own and it lacks the capability that overrides it (CAP_FOWNER: root's, unless a hardened
    /// container drops it). A file system that does not report the mode or owners gets no answer here,
    /// and the rename answers.
    /// </summary>
    public static unsafe ReplaceBlocker BlockerOf(string folder, string file)
    {
        if (!Supported)
            return ReplaceBlocker.None;
        var dir = stackalloc byte[StatxSize];
        var entry = stackalloc byte[StatxSize];
        var haveDir = Statx(AtFdCwd, folder, 0, StatxType | StatxMode | StatxUid, dir) == 0;
        var haveEntry = Statx(AtFdCwd, file, AtSymlinkNoFollow, StatxType | StatxUid, entry) == 0;
        const ulong flags = StatxAttrImmutable | StatxAttrAppend;
        if ((haveDir && (Attributes(dir) & flags) != 0) || (haveEntry && (Attributes(entry) & flags) != 0))
            return ReplaceBlocker.ImmutableOrAppendOnly;
        if (!haveDir || !haveEntry || (*(uint*)dir & (StatxMode | StatxUid)) != (StatxMode | StatxUid) || (*(uint*)entry & StatxUid) == 0 ||
            (*(ushort*)(dir + ModeOffset) & StickyBit) == 0)
            return ReplaceBlocker.None;
        var user = GetEffectiveUserId();
        return *(uint*)(dir + UidOffset) != user && *(uint*)(entry + UidOffset) != user && !HoldsFownerCapability.Value
            ? ReplaceBlocker.StickyFolder
            : ReplaceBlocker.None;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>Whether <paramref name="path"/> itself (a link is not followed) belongs to a user other than this process's; false where that cannot be told.</summary>
    public static unsafe bool BelongsToAnotherUser(string path)
    {
        if (!Supported)
            return false;
        var buffer = stackalloc byte[StatxSize];
        return Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxUid, buffer) == 0 && (*(uint*)buffer & StatxUid) != 0 &&
               *(uint*)(buffer + UidOffset) != GetEffectiveUserId();
    }

    /// <summary>
    /// Gives the file open as <paramref name="file"/>, which this process has just made, the owner and group of
    /// <paramref name="model"/> (the file it replaces, or the folder a new file is made in), as far as this
    /// process may. A file the tool makes would otherwise be owned by whoever ran it: a run as root (in a
    /// container over a mounted checkout, under sudo) would leave root's files in a user's project, some of
    /// which (the lock, the journal) the user could then no longer write. Root keeps both; another user can
    /// give only a group it belongs to. What cannot be given stays the process's, as for any new file. Done on
    /// the open file, never by its name: the name can be swapped for a link while the file is written.
    /// </summary>
    public static void MatchOwner(SafeFileHandle file, string model)
    {
        if (!Supported)
            return;
        var fd = (int)file.DangerousGetHandle();
        MatchOwner(model, AtFdCwd, 0, fd, "", AtEmptyPath, (owner, group) => FChown(fd, owner, group));
    }

    /// <summary>
    /// <see cref="MatchOwner(SafeFileHandle, string)"/> for a folder this process has just made. By name, but
    /// never through a link: one put in the folder's place is what changes owner, not what it leads to.
    /// </summary>
    public static void MatchOwner(string folder, string model)
    {
        if (!Supported)
            return;
        MatchOwner(model, AtFdCwd, 0, AtFdCwd, folder, AtSymlinkNoFollow, (owner, group) => LChown(folder, owner, group));
    }

    /// <summary>Gives what <paramref name="dirfd"/>/<paramref name="path"/> names the owner and group of <paramref name="modelDirfd"/>/<paramref name="model"/> through <paramref name="chown"/>, else that group alone.</summary>
    // The model is looked at without following a link at its end: a file swapped for a link to another
    // user's file must not lend that user's ownership.
    private static unsafe void MatchOwner(string model, int modelDirfd, int modelFlags, int dirfd, string path, int flags, Func<uint, uint, int> chown)
    {
        var wanted = stackalloc byte[StatxSize];
        var made = stackalloc byte[StatxSize];
        if (!Owners(modelDirfd, model, modelFlags | AtSymlinkNoFollow, wanted) || !Owners(dirfd, path, flags, made))
            return;
        var (uid, gid) = (*(uint*)(wanted + UidOffset), *(uint*)(wanted + GidOffset));
        var group = *(uint*)(made + GidOffset);
        if (uid == *(uint*)(made + UidOffset) && gid == group)
            return;
        if (chown(uid, gid) != 0 && gid != group)
            chown(Unchanged, gid);
    }

    private static unsafe bool Owners(int dirfd, string path, int flags, byte* buffer)
    {
        const uint owners = StatxUid | StatxGid;
        return Statx(dirfd, path, flags, owners, buffer) == 0 && (*(uint*)buffer & owners) == owners;
    }

    /// <summary>chown's "leave this one as it is".</summary>
    private const uint Unchanged = uint.MaxValue;

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    /// <summary>
    /// Whether the process's effective capabilities hold CAP_FOWNER (bit 3 of <c>CapEff</c> in
    /// /proc/self/status); where that cannot be read, whether it runs as root. In a user namespace the
    /// capability does not reach files of users it does not map: such a file is not refused here, and
    /// its rename fails instead (and what was written before it is put back).
    /// </summary>
    private static readonly Lazy<bool> HoldsFownerCapability = new(() =>
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("CapEff:", StringComparison.Ordinal) &&
                    ulong.TryParse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var effective))
                    return (effective & (1UL << CapFowner)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return GetEffectiveUserId() == 0;
    });

    private const int CapFowner = 3;

    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int StickyBit = 0x200;
    private const int AttributesOffset = 8;
    private const int AttributesMaskOffset = 56;
    private const ulong StatxAttrImmutable = 0x10;
    private const ulong StatxAttrAppend = 0x20;

    /// <summary>The type of <paramref name="path"/>; links followed unless <paramref name="followLinks"/> is false.</summary>
    public static FileKind KindOf(string path, bool followLinks)
    {
        if (!Supported)
            return FallbackKindOf(path, followLinks);
        var mode = StatMode(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, out var errno);
        if (mode < 0)
            // A loop of links leads to nothing, like a dangling link (ELOOP is 40 on every Linux architecture).
            return errno is ENoEnt or ENotDir or ELoop ? FileKind.Missing : FallbackKindOf(path, followLinks);
        return KindOfMode(mode);
    }

    /// <summary>
    /// Whether following <paramref name="path"/> fails because it passes through more links than the
    /// kernel follows in one path (ELOOP): a loop of links, or a path that is simply too long in links.
    /// Elsewhere than Linux: false (the caller's fallback).
    /// </summary>
    public static bool FollowsTooManyLinks(string path) =>
        Supported && StatMode(AtFdCwd, path, 0, out var errno) < 0 && errno == ELoop;

    /// <summary>
    /// Opens a file for reading without ever blocking (a FIFO opened this way returns at once) and checks
    /// the opened handle, not the path, is a regular file: a file swapped for a FIFO in between is caught.
    /// </summary>
    public static SafeFileHandle OpenRegularForRead(string path)
    {
        if (!Supported)
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (KindOf(path, followLinks: true) is var kind && kind is FileKind.Special or FileKind.Directory)
            throw new NotRegularFileException(path, kind);
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                ENoEnt or ENotDir => new FileNotFoundException($"Could not find file '{path}'.", path),
                EAcces => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
                ENxio => new NotRegularFileException(path, FileKind.Special), // a socket
                _ => new IOException($"open failed (errno {errno})"),
            };
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var mode = StatMode(fd, "", AtEmptyPath, out _);
        if (mode < 0 || KindOfMode(mode) != FileKind.Regular)
        {
            handle.Dispose();
            throw new NotRegularFileException(path, mode < 0 ? FileKind.Special : KindOfMode(mode));
        }
        return handle;
    }

    /// <summary>The argument of openat2: open's flags and mode, and how the path may be resolved.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    /// <summary>
    /// Opens <paramref name="realPath"/> (a path with every link already resolved: a state file, a temp file
    /// beside a template) to write, refusing a link anywhere on the way, not only at its end: what was checked
    /// to be a plain folder or file can be swapped for a link by anyone who can write its folder, and a run
    /// as root would then write, or give away, a file elsewhere. openat2 with RESOLVE_NO_SYMLINKS does it in
    /// one call; where the kernel or a sandbox refuses openat2, O_NOFOLLOW still guards the last component.
    /// </summary>
    /// <param name="exclusive">Elsewhere than Linux, where <see cref="LockExclusively"/> does nothing: opened so that no other process may open it.</param>
    public static SafeFileHandle OpenToWrite(string realPath, FileMode mode, bool read = false, bool exclusive = false)
    {
        if (!Supported)
            return File.OpenHandle(realPath, mode, read ? FileAccess.ReadWrite : FileAccess.Write, exclusive ? FileShare.None : FileShare.Read);
        var flags = (read ? ORdWr : OWrOnly) | OCloExec | ONoFollow | mode switch
        {
            FileMode.CreateNew => OCreat | OExcl,
            FileMode.Create => OCreat | OTrunc,
            FileMode.OpenOrCreate => OCreat,
            FileMode.Open => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a mode the tool writes with"),
        };
        return OpenNoLinks(realPath, flags);
    }

    /// <summary>
    /// The folder <paramref name="realFolder"/> (every link already resolved) as a handle to make, change and
    /// delete entries in, refusing a link anywhere on the way, as <see cref="OpenToWrite"/> does: what is done
    /// through it happens in that folder even if a folder on the way is swapped for a link afterwards.
    /// </summary>
    public static SafeFileHandle OpenFolder(string realFolder) => OpenNoLinks(realFolder, OPath | ODirectory | OCloExec | ONoFollow);

    private static unsafe SafeFileHandle OpenNoLinks(string realPath, int flags)
    {
        const int permissions = 0x1B6; // 0666, less the umask, as .NET creates files
        // openat2 takes a mode only with O_CREAT (EINVAL otherwise).
        var how = new OpenHow { Flags = (ulong)flags, Mode = (flags & OCreat) != 0 ? permissions : 0u, Resolve = ResolveNoSymlinks };
        var fd = OpenAt2(SysOpenAt2, AtFdCwd, realPath, &how, (nuint)sizeof(OpenHow));
        if (fd < 0 && Marshal.GetLastPInvokeError() is ENoSys or EPerm)
            fd = Open(realPath, flags, permissions);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        throw errno switch
        {
            // Not an IOException: no caller may take it for a busy lock or a full disk.
            ELoop => Core.BoundaryException.File($"{realPath}: a link is on the way to it now (a folder or the file itself replaced by one while the tool ran); the tool never writes through a link, and nothing was written there. Check the project for links and run again."),
            ENoEnt or ENotDir => new FileNotFoundException($"Could not find file '{realPath}'.", realPath),
            EExist => new IOException($"{realPath}: already exists"),
            _ => Failure(errno, realPath, "cannot be opened"),
        };
    }

    /// <summary>What .NET's own file calls throw for <paramref name="errno"/>: no permission is an <see cref="UnauthorizedAccessException"/>, the rest an <see cref="IOException"/>.</summary>
    private static Exception Failure(int errno, string path, string what) => errno is EAcces or EPerm
        ? new UnauthorizedAccessException($"Access to the path '{path}' is denied.")
        : new IOException($"{path}: {what} (errno {errno})");

    /// <summary>
    /// Makes the folder <paramref name="name"/> in <paramref name="parent"/> (<see cref="OpenFolder"/>) and gives
    /// it the parent's owner and group as far as this process may (<see cref="MatchOwner(SafeFileHandle, string)"/>).
    /// One that exists is left as it is.
    /// </summary>
    public static unsafe void MakeFolderIn(SafeFileHandle parent, string name)
    {
        var fd = (int)parent.DangerousGetHandle();
        if (MkdirAt(fd, name, 0x1FF) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EExist)
                return;
            throw Failure(errno, name, "the folder cannot be made");
        }
        MatchOwner("", fd, AtEmptyPath, fd, name, AtSymlinkNoFollow, (owner, group) => FChownAt(fd, name, owner, group, AtSymlinkNoFollow));
    }

    /// <summary>Deletes the entry <paramref name="name"/> of <paramref name="parent"/> (<see cref="OpenFolder"/>): a link is removed, never its target; an empty folder with <paramref name="folder"/>; false when there was none.</summary>
    public static bool DeleteIn(SafeFileHandle parent, string name, bool folder = false)
    {
        const int removeFolder = 0x200; // AT_REMOVEDIR
        if (UnlinkAt((int)parent.DangerousGetHandle(), name, folder ? removeFolder : 0) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == ENoEnt)
            return false;
        throw Failure(errno, name, "cannot be deleted");
    }

    /// <summary>Takes an exclusive advisory lock on <paramref name="file"/> without waiting; an <see cref="IOException"/> when another process holds it.</summary>
    public static void LockExclusively(SafeFileHandle file)
    {
        if (!Supported)
            return;
        if (Flock((int)file.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == EWouldBlock ? "the file is locked by another process" : $"the file cannot be locked (errno {errno})");
        }
    }

    /// <summary>
    /// Gives a closed standard descriptor (0, 1 or 2) /dev/null, so that the next file this process opens
    /// cannot take its number and receive what was meant for the console.
    /// </summary>
    public static void EnsureStandardDescriptorsOpen()
    {
        if (!Supported)
            return;
        for (var fd = 0; fd <= 2; fd++)
        {
            if (Fcntl(fd, FGetFd, 0) >= 0)
                continue;
            var devNull = Open("/dev/null", ORdWr | OCloExec, 0);
            if (devNull < 0)
                continue;
            if (devNull != fd)
            {
                Dup2(devNull, fd);
                Close(devNull);
            }
            else
            {
                Fcntl(fd, 2 /* F_SETFD */, 0); // keep it open for child processes like a normal stdin
            }
        }
    }

    /// <summary>
    /// Turns a file-size limit (<c>ulimit -f</c>) into a failed write: without this, SIGXFSZ kills the
    /// process in the middle of a write, with no message, leaving its temp files. Ignored, the write
    /// fails with EFBIG, which every writer reports as a file that cannot be written, nothing changed.
    /// </summary>
    public static void FailWritesOverTheFileSizeLimit()
    {
        if (Supported)
            Signal(SigXfsz, SigIgn);
    }

    /// <summary>
    /// The inode number of <paramref name="path"/> itself (a link is not followed) and its birth time in
    /// nanoseconds since 1970, null where the file system keeps none; null when it cannot be looked at.
    /// statx's layout is the same on every Linux architecture, so this needs only Linux.
    /// </summary>
    public static unsafe (ulong Inode, long? BirthNanoseconds)? IdentityOf(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxIno | StatxBtime, buffer) != 0)
            return null;
        var mask = *(uint*)buffer;
        if ((mask & StatxIno) == 0)
            return null;
        var inode = *(ulong*)(buffer + InoOffset);
        long? birth = (mask & StatxBtime) == 0 ? null : *(long*)(buffer + BtimeOffset) * 1_000_000_000 + *(uint*)(buffer + BtimeOffset + 8);
        return (inode, birth);
    }

    /// <summary>
    /// The permission bits of <paramref name="path"/> when it is a regular file itself (a link is not followed),
    /// without set-user-id, set-group-id and sticky: a file the tool writes never needs them, and a file
    /// swapped for something else must lend it none. Null otherwise, or where this cannot be asked.
    /// </summary>
    public static unsafe UnixFileMode? PlainModeOf(string path)
    {
        if (!Supported)
            return null;
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode, buffer) != 0 || (*(uint*)buffer & (StatxType | StatxMode)) != (StatxType | StatxMode))
            return null;
        int mode = *(ushort*)(buffer + ModeOffset);
        return KindOfMode(mode) == FileKind.Regular ? (UnixFileMode)(mode & 0x1FF) : null;
    }

    private static unsafe int StatMode(int dirfd, string path, int flags, out int errno)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(dirfd, path, flags, StatxType, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }
        errno = 0;
        return *(ushort*)(buffer + ModeOffset);
    }

    private static FileKind KindOfMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        _ => FileKind.Special,
    };

    private static FileKind FallbackKindOf(string path, bool followLinks)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            info = new DirectoryInfo(path);
            if (!info.Exists && info.LinkTarget is null)
                return FileKind.Missing;
        }
        if (!followLinks && info.LinkTarget is not null)
            return FileKind.SymbolicLink;
        if (followLinks && info.LinkTarget is not null)
        {
            try
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }
            catch (IOException)
            {
                return FileKind.Missing; // a loop of links
            }
        }
        return info is DirectoryInfo ? FileKind.Directory : info.Exists ? FileKind.Regular : FileKind.Missing;
    }
}
