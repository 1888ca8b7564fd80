using System.Globalization;
using System.Xml.Linq;

namespace Boundary.Aws;

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

    /// <summary>The <c>member</c> elements of the list child <paramref name="name"/>.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.Child(name)?.Children("member") ?? [];
}
