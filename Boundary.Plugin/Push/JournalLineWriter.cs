using System.Text.Encodings.Web;
using System.Text.Json;

namespace Boundary.Push;

/// <summary>
/// Writes the journal's lines as <see cref="StateJson"/> would serialize them, byte for byte, with a
/// <see cref="Utf8JsonWriter"/>: pre-push writes a journal on every push, and setting up the serializer's
/// metadata for these types was about 2.5 ms of a small project's run, more than the rest of writing the
/// journal. Reading stays with <see cref="StateJson"/> and its strict schema; a test holds the two to the
/// same bytes for every kind of line.
/// </summary>
internal static class JournalLineWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // As StateJson: ARNs and paths as they are ('+' and '=' are common in policy names).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private const int PendingLimit = 32 * 1024;

    public static void WriteHeader(Stream stream, JournalHeaderLine line) =>
        WriteLine(stream, writer =>
        {
            writer.WriteNumber("boundaryJournal", line.BoundaryJournal);
            writer.WriteString("mode", line.Mode);
            WriteStringOrNull(writer, "env", line.Env);
            WriteStringOrNull(writer, "boundary", line.Boundary);
            writer.WriteString("created", line.Created);
            writer.WriteBoolean("recordsOwnership", line.RecordsOwnership);
            WriteStringOrNull(writer, "ownershipBefore", line.OwnershipBefore);
            writer.WriteString("fileId", line.FileId);
            if (line.Files is { } files)
                writer.WriteNumber("files", files);
        });

    public static void WriteEntry(Stream stream, JournalEntry entry) =>
        WriteLine(stream, writer =>
        {
            writer.WriteNumber("index", entry.Index);
            writer.WriteString("path", entry.Path);
            writer.WriteString("before", entry.Before);
            writer.WriteString("after", entry.After);
            WriteArray(writer, "undo", entry.Undo, edit =>
            {
                writer.WriteNumber("offset", edit.Offset);
                writer.WriteNumber("removeLength", edit.RemoveLength);
                writer.WriteString("insert", edit.Insert);
            });
            WriteArray(writer, "added", entry.Added, added =>
            {
                writer.WriteString("logicalId", added.LogicalId);
                writer.WriteString("value", added.Value);
            });
            WriteArray(writer, "replaced", entry.Replaced, replaced =>
            {
                writer.WriteString("logicalId", replaced.LogicalId);
                writer.WriteString("oldValue", replaced.OldValue);
                writer.WriteString("newValue", replaced.NewValue);
            });
            if (entry.CopyStamp is { } stamp)
            {
                writer.WriteStartObject("copyStamp");
                writer.WriteNumber("length", stamp.Length);
                writer.WriteNumber("lastWriteTicks", stamp.LastWriteTicks);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("copyStamp");
            }
        });

    public static void WriteReady(Stream stream, JournalReadyLine line) =>
        WriteLine(stream, writer => writer.WriteNumber("ready", line.Ready));

    /// <summary>A done line with its newline, made before the journal's lock is taken.</summary>
    public static byte[] DoneLine(JournalDoneLine line)
    {
        using var bytes = new MemoryStream();
        WriteLine(bytes, writer => writer.WriteNumber("done", line.Done));
        return bytes.ToArray();
    }

    private static void WriteLine(Stream stream, Action<Utf8JsonWriter> members)
    {
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// An array of objects, each handed to the stream once what the writer holds passes
    /// <see cref="PendingLimit"/>: a large template's entry lists a hundred thousand roles, and the writer
    /// would otherwise grow one buffer (doubling and copying) to hold the whole line, as the serializer's
    /// own flushing avoids.
    /// </summary>
    private static void WriteArray<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> items, Action<T> members)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            members(item);
            writer.WriteEndObject();
            if (writer.BytesPending >= PendingLimit)
                writer.Flush();
        }
        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }
}
