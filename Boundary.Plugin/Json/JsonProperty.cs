namespace Boundary.Json;

/// <summary>An object member: its name's span (quotes included) and its value.</summary>
public sealed record JsonProperty(string Name, int NameStart, int NameEnd, JsonNode Value);
