using System.Text.Json;

namespace Boundary.Aws;

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
