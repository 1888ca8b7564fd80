using System.Globalization;
using System.Xml.Linq;

namespace Boundary.Aws;

/// <summary>
/// One query-protocol call: the action, its parameters and how to read its <c>&lt;ActionResult&gt;</c>
/// element. An operation is a few lines, e.g.
/// <code>new AwsQueryOperation&lt;IamRole&gt;("GetRole", new QueryParameters { ["RoleName"] = name }, r =&gt; IamRole.Read(r.Child("Role")!))</code>
/// </summary>
public sealed record AwsQueryOperation<T>(string Action, QueryParameters Parameters, Func<XElement, T> ReadResult);

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

/// <summary>Namespace-agnostic reading of AWS XML answers.</summary>
public static class AwsXml
{
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The text of the child <paramref name="name"/>, or null when absent.</summary>
    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    public static string RequiredText(this XElement element, string name) =>
        element.Text(name) ?? throw new AwsServiceException("AWS", element.Name.LocalName, AwsErrorCodes.BadResponse, $"the answer has no <{name}> in <{element.Name.LocalName}>");

    public static int? Int(this XElement element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this XElement element, string name) => element.Text(name) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public static DateTimeOffset? Date(this XElement element, string name) =>
        DateTimeOffset.TryParse(element.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    /// <summary>The <c>member</c> elements of the list child <paramref name="name"/>.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.Child(name)?.Children("member") ?? [];
}
