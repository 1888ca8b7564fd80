using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;
using System.Text.Json;
using Boundary.Files;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// The one schema of the tool's state files (push journal, ownership file), for reading and writing
/// alike: source-generated, strict (an unknown member, a missing member, a null where none is allowed or
/// a wrong type is an error), so a file edited by hand or shipped in a repository is refused as a whole.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    NewLine = "\n")]
[JsonSerializable(typeof(JournalHeaderLine))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(JournalReadyLine))]
[JsonSerializable(typeof(JournalDoneLine))]
[JsonSerializable(typeof(OwnershipDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

/// <summary>The serializer options of the state files: compact lines for the journal, indented for the committed ownership file.</summary>
internal static class StateJson
{
    private static readonly JsonSerializerOptions Compact = Create(indented: false);
    private static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static byte[] Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>(indented ? Indented : Compact));

    /// <exception cref="JsonException">Not valid JSON, or not of the schema.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TypeInfo<T>(Compact)) ?? throw new JsonException("null where an object was expected");
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create(bool indented)
    {
        // The context's own options plus what its attribute cannot say: ARNs and paths written as they
        // are ('+' and '=' are common in policy names), not as \u escapes.
        var options = new JsonSerializerOptions(StateJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
        };
        options.MakeReadOnly();
        return options;
    }
}
