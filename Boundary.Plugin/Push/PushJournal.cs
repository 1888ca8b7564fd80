using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// The push journal, <c>amplify/.boundary/push-journal.jsonl</c>: one JSON document per line, appended
/// only. A header line, one line per file to change (in the order the templates were planned), a
/// <c>{"ready":n}</c> line, all flushed to disk before the first file changes; then a
/// <c>{"done":i}</c> line as each file is replaced. A journal without its ready line was cut short
/// before any file changed and means nothing. Undoing goes by each file's hash, not by the done lines,
/// so it is right wherever a run was killed.
/// </summary>
public sealed class PushJournal : IDisposable
{
    public const string FileName = "push-journal.jsonl";
    public const int FormatVersion = 5;

    /// <summary>
    /// The earliest format still undone: format 4 differs only in its hash (<see cref="JournalHash"/>),
    /// format 3 in that too and in its header's file count.
    /// </summary>
    public const int OldestFormatRead = 3;

    /// <summary>The one format whose header counts the files.</summary>
    private const int CountingFormat = 3;

    /// <summary>What the errors about a bad journal tell the user to run.</summary>
    public const string DiscardCommand = "dotnet boundary restore --discard";

    private readonly string root;
    private readonly string path;
    private readonly JournalHeader header;
    private readonly object gate = new();
    private OutputFileStream? stream;
    private Exception? failure;

    private PushJournal(string root, string path, JournalHeader header)
    {
        this.root = root;
        this.path = path;
        this.header = header;
    }

    public static string PathIn(string stateDir) => System.IO.Path.Combine(stateDir, FileName);

    /// <summary>
    /// For a dry run with something to change: refuses what creating the journal at <paramref name="path"/>
    /// would refuse in the run that writes, in a state folder that exists and this process may not write
    /// (a missing one is judged with the lock, by <see cref="StateFolder.EnsureCreatable"/>).
    /// </summary>
    public static void EnsureCreatable(string root, string path)
    {
        var folder = System.IO.Path.GetDirectoryName(ProjectPath.Confine(root, path))!;
        if (NativeFiles.KindOf(folder, followLinks: false) != FileKind.Directory)
            return;
        RefuseFlaggedFolder(path, folder);
        if (!NativeFiles.CanCreateIn(folder))
            throw BoundaryException.File($"{path}: the journal cannot be written (no permission, or a read-only file system); no file was changed. Make {System.IO.Path.GetDirectoryName(path)} writable for you and run again.");
    }

    /// <summary>A journal in a folder marked immutable or append-only could not be deleted once the run is over.</summary>
    private static void RefuseFlaggedFolder(string path, string folder)
    {
        if (NativeFiles.IsImmutableOrAppendOnly(folder))
            throw BoundaryException.File($"{path}: the journal cannot be written there: its folder is marked immutable or append-only ('lsattr -d' shows it), so it could not be deleted once the run is over; no file was changed. Clear the flag ('chattr -i -a') and run again.");
    }

    /// <summary>
    /// A journal to be written at <paramref name="path"/>. Its file is made, with its header, by the first
    /// <see cref="Append"/> (or by <see cref="Ready"/>): a run that changes nothing writes none. Entries are
    /// appended as templates are planned, from any thread, so that writing them overlaps the reading of the
    /// others; until <see cref="Ready"/> the journal means nothing (no file has changed yet).
    /// </summary>
    public static PushJournal Begin(string root, string path, JournalHeader header) => new(root, path, header);

    /// <summary>How many entries the journal holds.</summary>
    public int Count { get; private set; }

    /// <summary>Whether its file was made (a journal that never was has nothing to delete).</summary>
    public bool Created => stream is not null;

    /// <summary>
    /// Adds one file's entry, made for the index it gets (the next one); safe from any thread. A journal
    /// that cannot be written (a full disk, a link in its place) is not an error of the template being
    /// planned: the first failure is kept, later entries are not written, and <see cref="Ready"/> reports it.
    /// </summary>
    /// <returns>The entry's index; -1 once the journal has failed.</returns>
    public int Append(Func<int, JournalEntry> entry)
    {
        lock (gate)
        {
            if (failure is not null)
                return -1;
            try
            {
                var index = Count;
                JournalLineWriter.WriteEntry(Open(), entry(index));
                Count++;
                return index;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BoundaryException)
            {
                failure = e;
                return -1;
            }
        }
    }

    /// <summary>Writes the ready line and flushes the journal to disk: from here on it is undone if the run stops.</summary>
    /// <exception cref="BoundaryException">The journal could not be written, now or by an earlier <see cref="Append"/>; no file has changed.</exception>
    public void Ready()
    {
        lock (gate)
        {
            try
            {
                if (failure is not null)
                    throw failure is BoundaryException refused ? refused : CannotWrite(path, failure);
                var written = Open();
                JournalLineWriter.WriteReady(written, new JournalReadyLine(Count));
                written.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(path, e);
            }
        }
    }

    /// <summary>The journal's file, made with its header on first use. Never through a link, even one inside the project: the journal would land in another folder.</summary>
    private OutputFileStream Open()
    {
        if (stream is not null)
            return stream;
        var target = ProjectPath.Confine(root, path);
        if (NativeFiles.KindOf(path, followLinks: false) == FileKind.SymbolicLink)
            throw BoundaryException.File($"{path}: a link; the push journal must be a plain file. Delete the link and run again.");
        if (NativeFiles.KindOf(target, followLinks: false) is FileKind.Special or FileKind.Directory)
            throw new NotRegularFileException(path, NativeFiles.KindOf(target, followLinks: false));
        RefuseFlaggedFolder(path, System.IO.Path.GetDirectoryName(target)!);
        // Kept before the header is written: once the file exists, the caller deletes it if the run stops.
        // A new file: one left in its place (a hard link to another user's file, where the kernel lets
        // users make those) is removed, never truncated and given away.
        AtomicFile.Delete(root, target);
        stream = new OutputFileStream(NativeFiles.OpenToWrite(target, FileMode.CreateNew), 1 << 16);
        NativeFiles.MatchOwner(stream.Handle, System.IO.Path.GetDirectoryName(target)!);
        var fileId = FileIdentity.Of(target) ?? throw new IOException("its identity on disk cannot be read");
        JournalLineWriter.WriteHeader(stream, new JournalHeaderLine(FormatVersion, header.Mode, header.Env, header.Boundary, header.Created, header.RecordsOwnership, header.OwnershipBefore, fileId));
        return stream;
    }

    private static BoundaryException CannotWrite(string path, Exception e) =>
        BoundaryException.File($"{path}: the journal cannot be written ({e.Message}); no file was changed. Make {System.IO.Path.GetDirectoryName(path)} writable for you and run again.", e);

    /// <summary>
    /// Records that entry <paramref name="index"/>'s file was replaced. Flushed to the OS: a killed process
    /// loses nothing. A mark that cannot be written is left out: undoing goes by each file's hash, the
    /// marks only tell a reader how far a run came.
    /// </summary>
    public void MarkDone(int index)
    {
        var line = JournalLineWriter.DoneLine(new JournalDoneLine(index));
        lock (gate)
        {
            try
            {
                var written = Open();
                written.Write(line);
                written.Flush(flushToDisk: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left out (see above).
            }
        }
    }

    /// <summary>
    /// Closes the file. Only a journal not made ready can still hold unwritten bytes (<see cref="Ready"/>
    /// and <see cref="MarkDone"/> flush theirs), and the caller deletes such a journal: a full disk that
    /// refuses those bytes is no error of its own.
    /// </summary>
    public void Dispose()
    {
        try
        {
            stream?.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Those bytes belong to a journal that is deleted next (see above).
        }
    }

    public static void Delete(string root, string path) => AtomicFile.Delete(root, path);

    /// <summary>
    /// The journal at <paramref name="path"/>, or null when there is none. The journal is untrusted (a
    /// repository can ship one): every line must match the schema, every path must be a relative path
    /// under amplify/backend, every hash of its format's kind and length and every ARN valid, else the whole
    /// journal is refused with an error that names it and says how to discard it; nothing is written.
    /// </summary>
    public static JournalContent? Read(string root, string path)
    {
        var real = ProjectPath.Confine(root, path);
        var kind = NativeFiles.KindOf(real, followLinks: false);
        if (kind == FileKind.Missing)
            return null;
        if (kind != FileKind.Regular)
            throw Bad(path, 1, $"not a regular file ({(kind == FileKind.SymbolicLink ? "a link" : NotRegularFileException.Describe(kind))})");
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAllBytes(real);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{path}: the journal cannot be read ({e.Message}). Make it readable for you, or discard it with '{DiscardCommand}'.", e);
        }
        var content = Parse(path, bytes);
        // Only a journal this folder's own run wrote is ever undone. One shipped in a repository (or
        // copied in) would otherwise rewrite, before the templates are read, whatever its entries name
        // with whatever its undo edits hold. It is the same file only if it has the identity it had when
        // it was written; a copy, a clone or an archive unpacked has another, which no one can foresee.
        if (content.Complete && content.FileId != FileIdentity.Of(real))
            throw Bad(path, 1, "the journal file is not the one a run in this folder wrote (it was copied, cloned or unpacked here)");
        return content;
    }

    /// <summary>Parses and checks a journal's bytes (see <see cref="Read"/>).</summary>
    public static JournalContent Parse(string path, ReadOnlyMemory<byte> bytes)
    {
        // The lines are read a block at a time, each block's lines and entries on all cores (a large
        // project's journal is tens of megabytes, and reading it was a third to a half of a post-push);
        // what depends on the lines before (the header first, entry numbers, the ready line) is checked
        // after, line by line, so the problem reported is still the first one in the file. The next block
        // is read only once this one passed: a journal with a problem costs at most a block more than the
        // lines up to it. Within a block, a line with a problem of its own stops the reading (Break: the
        // lines before it are still read).
        var state = new ParseState();
        var (lineNumber, position) = (0, 0);
        while (NextBlock(bytes.Span, ref lineNumber, ref position) is { Count: > 0 } lines)
        {
            var read = new LineRead[lines.Count];
            var blockBytes = lines[^1].Start + lines[^1].Length - lines[0].Start;
            Parallel.For(0, lines.Count, FileWorkers.ForReading(lines.Count, blockBytes, Environment.ProcessorCount), (index, loop) =>
            {
                var result = read[index] = ReadLine(bytes.Span.Slice(lines[index].Start, lines[index].Length));
                if (result.Failure is not null || result.EntryProblem is not null)
                    loop.Break();
            });
            for (var at = 0; at < lines.Count; at++)
                if (!CheckInOrder(path, lines[at], bytes.Span.Slice(lines[at].Start, lines[at].Length), read[at], state))
                    break; // the last line cut short by a kill: nothing after it was written
        }
        var (header, entries, done, complete) = (state.Header, state.Entries, state.Done, state.Complete);
        if (header is null)
            return new JournalContent(new JournalHeader("unknown", null, null, DateTimeOffset.MinValue, false, null), [], false, done, null, JournalHash.Written);
        if (complete && entries.Select(e => e.Path).Distinct(StringComparer.Ordinal).Count() != entries.Count)
            throw Bad(path, 1, "the same file is listed twice");
        return new JournalContent(new JournalHeader(header.Mode, header.Env, header.Boundary, header.Created, header.RecordsOwnership, header.OwnershipBefore), entries, complete, done, header.FileId, JournalHash.Of(header.BoundaryJournal));
    }

    /// <summary>What the lines checked so far have given.</summary>
    private sealed class ParseState
    {
        public JournalHeaderLine? Header { get; set; }

        public List<JournalEntry> Entries { get; } = [];

        public HashSet<int> Done { get; } = [];

        public bool Complete { get; set; }
    }

    /// <summary>
    /// Checks one line, as read by <see cref="ReadLine"/>, against the lines before it, and adds it to
    /// <paramref name="state"/>; false for a last line cut short (the end of the journal).
    /// </summary>
    private static bool CheckInOrder(string path, JournalLine at, ReadOnlySpan<byte> line, LineRead read, ParseState state)
    {
        var number = at.Number;
        var (kind, entry, entryProblem, failure) = read;
        if (kind is null)
        {
            if (failure is null)
                throw new InvalidOperationException($"{path}:{number} was not read: the lines before it should have stopped the check.");
            if (failure is JsonException && at.Last)
                return false;
            if (failure is JsonException notObject)
                throw Bad(path, number, $"not a JSON object ({notObject.Message.TrimEnd('.')})");
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
        try
        {
            switch (kind)
            {
                case "header" when state.Header is null && number == 1:
                    // The format first: another version's header may not be of this schema at all. And
                    // again as read: of two format members, the reader keeps the last.
                    if (FormatOf(line) is { } format)
                        Check(path, number, CheckFormat(format));
                    var candidate = StateJson.Deserialize<JournalHeaderLine>(line);
                    Check(path, number, CheckFormat(candidate.BoundaryJournal) ?? CheckHeader(candidate));
                    state.Header = candidate;
                    break;
                case "header":
                    throw Bad(path, number, "a second header, or a header after the first line");
                case not "header" when state.Header is null:
                    throw Bad(path, number, "the first line is not a journal header");
                case "done":
                    var index = StateJson.Deserialize<JournalDoneLine>(line).Done;
                    Check(path, number, index >= 0 && index < state.Entries.Count ? null : $"done mark {index} names no entry");
                    state.Done.Add(index);
                    break;
                case "ready":
                    var ready = StateJson.Deserialize<JournalReadyLine>(line).Ready;
                    Check(path, number, state.Complete ? "a second ready line" : ready != state.Entries.Count || state.Header.Files is { } files && files != ready ? $"ready line says {ready} files, the journal lists {state.Entries.Count}" : null);
                    state.Complete = true;
                    break;
                default:
                    Check(path, number, state.Complete ? "a file entry after the ready line" : null);
                    if (failure is not null)
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    Check(path, number, entry!.Index != state.Entries.Count ? $"entry index {entry.Index} where {state.Entries.Count} was expected" : entryProblem ?? CheckHashes(entry, state.Header));
                    state.Entries.Add(entry);
                    break;
            }
        }
        catch (JsonException e)
        {
            throw Bad(path, number, $"not of the journal's schema ({e.Message.TrimEnd('.')})");
        }
        return true;
    }

    /// <summary>A line that is not blank: its number (from 1), its bytes, and whether it ends the file without a line break.</summary>
    private readonly record struct JournalLine(int Number, int Start, int Length, bool Last);

    /// <summary>
    /// What one line holds, read without the lines before it: its kind (null when it is not a JSON object:
    /// <paramref name="Failure"/> says why), and for a file entry the entry and the first problem of its own
    /// (its number is checked later), or the schema error that kept it from being read.
    /// </summary>
    private readonly record struct LineRead(string? Kind, JournalEntry? Entry, string? EntryProblem, Exception? Failure);

    /// <summary>At most this many lines, and this many bytes (or one line), are read before they are checked.</summary>
    private const int BlockLines = 4096;

    private const int BlockBytes = 4 << 20;

    /// <summary>
    /// The next block of lines that are not blank, from the byte <paramref name="position"/> on (after line
    /// <paramref name="lineNumber"/>); both are moved past the block. Empty at the end of the file.
    /// </summary>
    private static List<JournalLine> NextBlock(ReadOnlySpan<byte> bytes, ref int lineNumber, ref int position)
    {
        var lines = new List<JournalLine>();
        var (number, start) = (lineNumber, position);
        var blockStart = start;
        while (start < bytes.Length && lines.Count < BlockLines && (lines.Count == 0 || start - blockStart < BlockBytes))
        {
            number++;
            var newline = bytes[start..].IndexOf((byte)'\n');
            var length = newline < 0 ? bytes.Length - start : newline;
            if (!bytes.Slice(start, length).Trim(" \t\r"u8).IsEmpty)
                lines.Add(new JournalLine(number, start, length, newline < 0));
            start += length + 1;
        }
        (lineNumber, position) = (number, start);
        return lines;
    }

    private static LineRead ReadLine(ReadOnlySpan<byte> line)
    {
        string kind;
        try
        {
            kind = KindOf(line);
        }
        catch (Exception e)
        {
            return new LineRead(null, null, null, e);
        }
        if (kind is "header" or "done" or "ready")
            return new LineRead(kind, null, null, null);
        try
        {
            var entry = StateJson.Deserialize<JournalEntry>(line);
            return new LineRead(kind, entry, CheckEntry(entry), null);
        }
        catch (Exception e)
        {
            return new LineRead(kind, null, null, e);
        }
    }

    /// <summary>
    /// What a line is, from the names of its object's members, the whole line checked as JSON on the way.
    /// A reader, not a document: a large template's entry line is tens of megabytes, and a document of it
    /// several times that.
    /// </summary>
    private static string KindOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read())
            throw new JsonException("found nothing");
        var found = reader.TokenType;
        string? kind = null;
        if (found == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                kind ??= reader.ValueTextEquals("boundaryJournal"u8) ? "header"
                    : reader.ValueTextEquals("done"u8) ? "done"
                    : reader.ValueTextEquals("ready"u8) ? "ready"
                    : null;
                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }
        // Anything after the value is an error too (the reader says so as it reads on).
        while (reader.Read())
        {
        }
        if (found != JsonTokenType.StartObject)
            throw new JsonException($"found {Describe(found)}");
        return kind ?? "entry";
    }

    private static string? CheckFormat(int format) => format is >= OldestFormatRead and <= FormatVersion
        ? null
        : $"journal format {format}, not the format {FormatVersion} this version of dotnet boundary writes (nor {string.Join(" or ", Enumerable.Range(OldestFormatRead, FormatVersion - OldestFormatRead))}, which it still reads)";

    /// <summary>The header's format number, read before the header itself: null when it has none that is a number.</summary>
    private static int? FormatOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = reader.ValueTextEquals("boundaryJournal"u8);
            reader.Read();
            if (isFormat)
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var format) ? format : null;
            reader.Skip();
        }
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };

    private static string? CheckHeader(JournalHeaderLine header)
    {
        if (header.Mode is not ("transient" or "persist"))
            return $"mode '{header.Mode}' is neither transient nor persist";
        if (header.Env is { } env && (env.Length == 0 || env.Any(char.IsControl)))
            return "the env name is empty or holds a control character";
        if (header.Boundary is { } boundary && !PolicyArn.TryParse(boundary, out _, out var problem))
            return $"the boundary is not a valid policy ARN ({problem})";
        if (header.BoundaryJournal == CountingFormat && !header.Files.HasValue)
            return $"format {CountingFormat} counts its files in its header, and this header does not";
        if (header.BoundaryJournal != CountingFormat && header.Files.HasValue)
            return $"a file count in the header, which only format {CountingFormat} has (this is format {header.BoundaryJournal})";
        if (header.Files < 0)
            return "a negative file count";
        if (!IsFileId(header.FileId))
            return "the journal's file identity is not of the form the tool writes";
        if (!header.RecordsOwnership && header.OwnershipBefore is not null)
            return "ownershipBefore is set but recordsOwnership is false";
        if (header.OwnershipBefore is { } text && Ownership.Check(text) is { } bad)
            return $"ownershipBefore is not an ownership file ({bad})";
        return null;
    }

    /// <summary>What is wrong with an entry in itself (its index is checked against the lines before it).</summary>
    private static string? CheckEntry(JournalEntry entry)
    {
        if (ProjectPath.CheckRelative(entry.Path) is { } badPath)
            return badPath;
        if (!entry.Path.StartsWith(PushRestorer.BackendPrefix, StringComparison.Ordinal))
            return $"'{entry.Path}' is not under {PushRestorer.BackendPrefix}";
        if (!IsHex(entry.Before) || !IsHex(entry.After))
            return "a hash that is not lowercase hex digits";
        var end = 0;
        foreach (var edit in entry.Undo.OrderBy(e => e.Offset))
        {
            if (edit.Offset < end || edit.RemoveLength < 0)
                return $"an undo edit at byte {edit.Offset} that overlaps another or is negative";
            end = edit.Offset + edit.RemoveLength;
        }
        foreach (var added in entry.Added)
            if (CheckBoundary(added.LogicalId, added.Value) is { } problem)
                return problem;
        foreach (var replaced in entry.Replaced)
            if (CheckBoundary(replaced.LogicalId, replaced.NewValue) is { } problem)
                return problem;
        if (entry.CopyStamp is { } stamp && (stamp.Length < 0 || stamp.LastWriteTicks < 0))
            return "a negative copy stamp";
        return null;
    }

    /// <summary>Whether the journal (and the <c>--persist</c> record) can name a principal by this logical id: not empty, no control character.</summary>
    public static bool CanRecord(string logicalId) => logicalId.Length > 0 && !logicalId.Any(char.IsControl);

    private static string? CheckBoundary(string logicalId, string value)
    {
        if (!CanRecord(logicalId))
            return "a logical id that is empty or holds a control character";
        return PolicyArn.TryParse(value, out _, out var problem) ? null : $"the boundary of {logicalId} is not a valid policy ARN ({problem})";
    }

    /// <summary>Lowercase hex digits: the form of every format's hash (its length is checked against the header's format).</summary>
    private static bool IsHex(string value) => value.Length > 0 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>An entry's hashes against the kind its journal's format uses.</summary>
    private static string? CheckHashes(JournalEntry entry, JournalHeaderLine header)
    {
        var hash = JournalHash.Of(header.BoundaryJournal);
        return hash.IsWellFormed(entry.Before) && hash.IsWellFormed(entry.After)
            ? null
            : $"a hash that is not {hash.HexLength} lowercase hex digits (the {hash.Name} of journal format {header.BoundaryJournal})";
    }

    private static void Check(string path, int line, string? problem)
    {
        if (problem is not null)
            throw Bad(path, line, problem);
    }

    // What FileIdentity writes: INODE, INODE@BIRTH or created@TICKS.
    private static bool IsFileId(string? id)
    {
        if (id is not { Length: > 0 and <= 64 })
            return false;
        var parts = id.Split('@');
        return parts.Length <= 2 && (parts[0] == "created" ? parts.Length == 2 : IsDigits(parts[0])) && parts.Skip(1).All(IsDigits);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static BoundaryException Bad(string path, int line, string problem) =>
        BoundaryException.File($"{path}:{line}: {problem}. This is not a push journal 'dotnet boundary' wrote (edited by hand, or shipped in the repository?), so nothing was changed. " +
                               $"Check the templates under amplify/backend ('git status', 'git diff'), then discard it with '{DiscardCommand}'.");
}
