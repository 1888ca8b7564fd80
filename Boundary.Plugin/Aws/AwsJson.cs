using System.Text.Json;

namespace Boundary.Aws;

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
