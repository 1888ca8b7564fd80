using System.Text;
using System.Text.Json;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// <c>amplify/boundary-owned.json</c>: the boundaries <c>--persist</c> wrote into templates, so that a later
/// run updates or removes exactly those and never a value a person wrote. It sits next to the templates
/// and is meant to be committed with them (a teammate's clone needs it too), so it is written
/// sorted and indented for small diffs.
/// </summary>
public sealed class Ownership
{
    public const string FileName = "boundary-owned.json";

    private readonly HashSet<OwnedBoundary> owned;

    private Ownership(string? text, IEnumerable<OwnedBoundary> owned)
    {
        Text = text;
        this.owned = [.. owned];
    }

    /// <summary>The file's text as read (null when there was no file): the journal keeps it to undo a persist run.</summary>
    public string? Text { get; }

    public IReadOnlyCollection<OwnedBoundary> Entries => owned;

    public static string PathOf(AmplifyProject project) => Path.Combine(project.AmplifyDir, FileName);

    public bool Owns(string file, string logicalId, string value) => owned.Contains(new OwnedBoundary(file, logicalId, value));

    public static Ownership Load(AmplifyProject project)
    {
        var path = PathOf(project);
        if (!File.Exists(path))
            return new Ownership(null, []);
        var source = SourceText.Read(path);
        var text = Encoding.UTF8.GetString(source.Content);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var entries = new List<OwnedBoundary>();
            if (document.RootElement.TryGetProperty("owned", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object &&
                        item.TryGetProperty("file", out var file) && item.TryGetProperty("logicalId", out var id) && item.TryGetProperty("value", out var value) &&
                        file.ValueKind == JsonValueKind.String && id.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String)
                        entries.Add(new OwnedBoundary(file.GetString()!, id.GetString()!, value.GetString()!));
                }
            }
            return new Ownership(text, entries);
        }
        catch (JsonException e)
        {
            var offset = source.OffsetOf((int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            throw BoundaryException.File($"{source.Describe(offset)}: not valid JSON ({e.Message}). Restore it from version control: it lists the boundaries 'dotnet boundary' wrote.");
        }
    }

    /// <summary>The file's text for <paramref name="entries"/>, or null when there are none (the file is then deleted).</summary>
    public static string? Render(IEnumerable<OwnedBoundary> entries)
    {
        var sorted = entries.Distinct()
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.LogicalId, StringComparer.Ordinal)
            .ThenBy(e => e.Value, StringComparer.Ordinal)
            .ToList();
        if (sorted.Count == 0)
            return null;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("comment", "Written by 'dotnet boundary hook pre-push --persist': the permissions boundaries it added to templates, so that it updates or removes only those. Commit it with the templates.");
            w.WriteStartArray("owned");
            foreach (var entry in sorted)
            {
                w.WriteStartObject();
                w.WriteString("file", entry.File);
                w.WriteString("logicalId", entry.LogicalId);
                w.WriteString("value", entry.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="text"/> (atomically), or deletes the file when it is null.</summary>
    public static void Save(AmplifyProject project, string? text)
    {
        var path = PathOf(project);
        if (text is null)
        {
            if (File.Exists(path))
                File.Delete(path);
            return;
        }
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text));
    }
}
