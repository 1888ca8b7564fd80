using System.Globalization;

namespace Boundary.Aws;

/// <summary>
/// Ordered request parameters. Null values are left out; lists use the query protocol's
/// <c>Name.member.N</c> form (<see cref="AddList"/>).
/// </summary>
public sealed class QueryParameters : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> items = [];

    public string? this[string name]
    {
        get => items.LastOrDefault(i => i.Key == name).Value;
        set
        {
            items.RemoveAll(i => i.Key == name);
            if (value is not null)
                items.Add(new(name, value));
        }
    }

    public QueryParameters Add(string name, string? value)
    {
        this[name] = value;
        return this;
    }

    public QueryParameters Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds <c>name.member.1</c>, <c>name.member.2</c>, ... (the query protocol's list form).</summary>
    public QueryParameters AddList(string name, IEnumerable<string> values)
    {
        var i = 0;
        foreach (var value in values)
            Add($"{name}.member.{++i}", value);
        return this;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
