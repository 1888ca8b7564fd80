using System.Text.Json;

namespace Boundary.Organizations;

/// <summary>
/// An IAM policy document (an SCP's text) read into <see cref="PolicyStatement"/>s. Whatever the text
/// holds, reading never throws: an unreadable document is one statement with an <see cref="PolicyStatement.Error"/>.
/// </summary>
public static class PolicyDocument
{
    /// <summary>Policies are at most a few kilobytes; a larger text is refused rather than parsed.</summary>
    public const int MaxLength = 1 << 20;

    public static IReadOnlyList<PolicyStatement> Parse(string text)
    {
        if (text.Length > MaxLength)
            return [Broken(0, $"the policy text is {text.Length} characters long, more than a policy can be")];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return [Broken(0, $"the policy text is not JSON: {e.Message}")];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "Statement", out var statements))
                return [Broken(0, "the policy has no Statement")];
            var items = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            return items.Select(Read).ToList();
        }
    }

    private static PolicyStatement Read(JsonElement statement, int index)
    {
        if (statement.ValueKind != JsonValueKind.Object)
            return Broken(index, "the statement is not an object");
        try
        {
            var conditions = new List<PolicyCondition>();
            if (TryGet(statement, "Condition", out var block))
            {
                if (block.ValueKind != JsonValueKind.Object)
                    throw new FormatException("Condition is not an object");
                foreach (var op in block.EnumerateObject())
                {
                    if (op.Value.ValueKind != JsonValueKind.Object)
                        throw new FormatException($"Condition operator {op.Name} does not hold an object");
                    foreach (var key in op.Value.EnumerateObject())
                        conditions.Add(new PolicyCondition(op.Name, key.Name, Strings(key.Value, $"{op.Name} {key.Name}")));
                }
            }
            return new PolicyStatement(
                index,
                TryGet(statement, "Sid", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null,
                TryGet(statement, "Effect", out var effect) && effect.ValueKind == JsonValueKind.String ? effect.GetString()! : "",
                List(statement, "Action"),
                List(statement, "NotAction"),
                List(statement, "Resource"),
                List(statement, "NotResource"),
                conditions);
        }
        catch (FormatException e)
        {
            return Broken(index, e.Message);
        }
    }

    private static IReadOnlyList<string> List(JsonElement statement, string name) =>
        TryGet(statement, name, out var value) ? Strings(value, name) : [];

    /// <summary>A string, a list of strings, or (in conditions) numbers and booleans as IAM reads them: as text.</summary>
    private static IReadOnlyList<string> Strings(JsonElement value, string what) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new FormatException($"{what} holds a {v.ValueKind} where a string belongs"),
        }).ToList(),
        _ => throw new FormatException($"{what} is a {value.ValueKind}, not a string or a list"),
    };

    // Policy element names are case-sensitive in IAM, but a lenient read costs nothing and misses nothing.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static PolicyStatement Broken(int index, string error) => new(index, null, "", [], [], [], [], [], error);
}
