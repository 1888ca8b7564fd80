using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Boundary.Core;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// The push journal, <c>amplify/.boundary/push-journal.jsonl</c>: one JSON document per line, appended
/// only. A header line, one line per file to change, a <c>{"ready":n}</c> line, all flushed to disk
/// before the first file changes; then a <c>{"done":i}</c> line as each file is replaced. A journal
/// without its ready line was cut short before any file changed and means nothing. Undoing goes by
/// each file's hash, not by the done lines, so it is right wherever a run was killed.
/// </summary>
public sealed class PushJournal : IDisposable
{
    public const string FileName = "push-journal.jsonl";
    public const int FormatVersion = 1;

    private readonly FileStream stream;
    private readonly object gate = new();

    private PushJournal(FileStream stream)
    {
        this.stream = stream;
    }

    public static string PathIn(string stateDir) => System.IO.Path.Combine(stateDir, FileName);

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes the header and every entry, then the ready line, durably; the journal stays open for done marks.</summary>
    public static PushJournal Create(string path, JournalHeader header, IReadOnlyList<JournalEntry> entries)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        try
        {
            var buffer = new MemoryStream();
            WriteLine(buffer, w => WriteHeader(w, header, entries.Count));
            foreach (var entry in entries)
                WriteLine(buffer, w => WriteEntry(w, entry));
            WriteLine(buffer, w => w.WriteNumber("ready", entries.Count));
            buffer.Position = 0;
            buffer.CopyTo(stream);
            stream.Flush(flushToDisk: true);
            return new PushJournal(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw BoundaryException.File($"{path}: the journal cannot be written ({e.Message}); no file was changed.", e);
        }
    }

    /// <summary>Records that entry <paramref name="index"/>'s file was replaced. Flushed to the OS: a killed process loses nothing.</summary>
    public void MarkDone(int index)
    {
        var bytes = Encoding.UTF8.GetBytes($"{{\"done\":{index}}}\n");
        lock (gate)
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: false);
        }
    }

    public void Dispose() => stream.Dispose();

    public static void Delete(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>The journal at <paramref name="path"/>, or null when there is none.</summary>
    public static JournalContent? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BoundaryException.File($"{path}: the journal cannot be read ({e.Message}).", e);
        }
        JournalHeader? header = null;
        var entries = new List<JournalEntry>();
        var done = new HashSet<int>();
        var complete = false;
        for (var number = 0; number < lines.Length; number++)
        {
            if (string.IsNullOrWhiteSpace(lines[number]))
                continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[number]);
            }
            catch (JsonException)
            {
                break; // a line cut short by a kill: nothing after it was written
            }
            using (document)
            {
                var line = document.RootElement;
                if (header is null)
                {
                    if (!line.TryGetProperty("boundaryJournal", out var version) || version.GetInt32() != FormatVersion)
                        throw BoundaryException.File($"{path}:1:1: not a journal this version of dotnet boundary understands. Check the files it lists by hand, then delete it.");
                    header = ReadHeader(line);
                }
                else if (line.TryGetProperty("done", out var index))
                    done.Add(index.GetInt32());
                else if (line.TryGetProperty("ready", out _))
                    complete = true;
                else
                    entries.Add(ReadEntry(line));
            }
        }
        if (header is null)
            return new JournalContent(new JournalHeader("unknown", null, null, DateTimeOffset.MinValue, false, null), [], false, done);
        return new JournalContent(header, entries, complete, done);
    }

    private static void WriteLine(Stream stream, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void WriteHeader(Utf8JsonWriter w, JournalHeader header, int files)
    {
        w.WriteNumber("boundaryJournal", FormatVersion);
        w.WriteString("mode", header.Mode);
        w.WriteString("env", header.Env);
        w.WriteString("boundary", header.Boundary);
        w.WriteString("created", header.Created);
        w.WriteNumber("files", files);
        if (header.RecordsOwnership)
            w.WriteString("ownershipBefore", header.OwnershipBefore);
    }

    private static JournalHeader ReadHeader(JsonElement line) => new(
        line.GetProperty("mode").GetString() ?? "transient",
        line.TryGetProperty("env", out var env) ? env.GetString() : null,
        line.TryGetProperty("boundary", out var boundary) ? boundary.GetString() : null,
        line.TryGetProperty("created", out var created) ? created.GetDateTimeOffset() : DateTimeOffset.MinValue,
        line.TryGetProperty("ownershipBefore", out _),
        line.TryGetProperty("ownershipBefore", out var owned) ? owned.GetString() : null);

    private static void WriteEntry(Utf8JsonWriter w, JournalEntry entry)
    {
        w.WriteNumber("i", entry.Index);
        w.WriteString("path", entry.Path);
        w.WriteString("before", entry.Before);
        w.WriteString("after", entry.After);
        w.WriteStartArray("undo");
        foreach (var edit in entry.Undo)
        {
            w.WriteStartArray();
            w.WriteNumberValue(edit.Offset);
            w.WriteNumberValue(edit.RemoveLength);
            w.WriteStringValue(edit.Insert);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (entry.Added.Count > 0)
        {
            w.WriteStartArray("added");
            foreach (var added in entry.Added)
            {
                w.WriteStartArray();
                w.WriteStringValue(added.LogicalId);
                w.WriteStringValue(added.Value);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        if (entry.Replaced.Count > 0)
        {
            w.WriteStartArray("replaced");
            foreach (var replaced in entry.Replaced)
            {
                w.WriteStartArray();
                w.WriteStringValue(replaced.LogicalId);
                w.WriteStringValue(replaced.OldValue);
                w.WriteStringValue(replaced.NewValue);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        if (entry.CopyStamp is { } stamp)
        {
            w.WriteStartArray("copy");
            w.WriteNumberValue(stamp.Length);
            w.WriteNumberValue(stamp.LastWriteTicks);
            w.WriteEndArray();
        }
    }

    private static JournalEntry ReadEntry(JsonElement line)
    {
        var undo = line.GetProperty("undo").EnumerateArray()
            .Select(e => new TextEdit(e[0].GetInt32(), e[1].GetInt32(), e[2].GetString() ?? ""))
            .ToList();
        var added = line.TryGetProperty("added", out var a)
            ? a.EnumerateArray().Select(e => new AddedBoundary(e[0].GetString()!, e[1].GetString()!)).ToList()
            : [];
        var replaced = line.TryGetProperty("replaced", out var r)
            ? r.EnumerateArray().Select(e => new ReplacedBoundary(e[0].GetString()!, e[1].GetString()!, e[2].GetString()!)).ToList()
            : [];
        var copy = line.TryGetProperty("copy", out var c) ? new FileStamp(c[0].GetInt64(), c[1].GetInt64()) : null;
        return new JournalEntry(
            line.GetProperty("i").GetInt32(),
            line.GetProperty("path").GetString()!,
            line.GetProperty("before").GetString()!,
            line.GetProperty("after").GetString()!,
            undo,
            added,
            replaced,
            copy);
    }
}
