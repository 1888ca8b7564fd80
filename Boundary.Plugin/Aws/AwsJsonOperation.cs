using System.Text.Json;

namespace Boundary.Aws;

/// <summary>
/// One JSON-protocol call: the operation (sent as <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>), the
/// request members and how to read the answer's root object. An operation is a few lines, e.g.
/// <code>new AwsJsonOperation&lt;string&gt;("DescribePolicy", new JsonRequest().Add("PolicyId", id), r =&gt; r.GetProperty("Policy")...)</code>
/// </summary>
public sealed record AwsJsonOperation<T>(string Operation, JsonRequest Request, Func<JsonElement, T> ReadResult);

/// <summary>The members of a JSON-protocol request: strings and numbers at the top level (null values are left out).</summary>
public sealed class JsonRequest
{
    private readonly List<(string Name, string? Text, int? Number)> members = [];

    public JsonRequest Add(string name, string? value)
    {
        if (value is not null)
            members.Add((name, value, null));
        return this;
    }

    public JsonRequest Add(string name, int? value)
    {
        if (value is not null)
            members.Add((name, null, value));
        return this;
    }

    /// <summary>The request body: a JSON object (<c>{}</c> when there are no members).</summary>
    public byte[] ToUtf8()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, text, number) in members)
            {
                if (text is not null)
                    writer.WriteString(name, text);
                else
                    writer.WriteNumber(name, number!.Value);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>Reading JSON answers: a missing or mistyped member is a <see cref="AwsErrorCodes.BadResponse"/>, never a crash.</summary>
public static class AwsJson
{
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string RequiredString(this JsonElement element, string name) =>
        element.String(name) ?? throw new AwsServiceException("AWS", name, AwsErrorCodes.BadResponse, $"the answer has no string '{name}'");

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement RequiredObject(this JsonElement element, string name) =>
        element.Object(name) ?? throw new AwsServiceException("AWS", name, AwsErrorCodes.BadResponse, $"the answer has no object '{name}'");

    /// <summary>The items of the array member <paramref name="name"/> (none when absent).</summary>
    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static bool? Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>A page's <c>NextToken</c>, or null on the last page.</summary>
    public static string? NextToken(this JsonElement element) => element.String("NextToken") is { Length: > 0 } next ? next : null;
}
