using McMaster.Extensions.CommandLineUtils;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Boundary.Cli;

/// <summary>Everything a command says goes through here: text lines, warnings and JSON documents.</summary>
public interface IOutput
{
    void Line(string text = "");

    void Warn(string text);

    void Error(string text);

    /// <summary>Writes <paramref name="document"/> as indented camelCase JSON on stdout.</summary>
    void Json(object document);
}

public sealed class ConsoleOutput(IConsole console) : IOutput
{
    public static readonly JsonSerializerSettings JsonSettings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
    };

    public void Line(string text = "") => console.Out.WriteLine(text);

    public void Warn(string text) => console.Error.WriteLine($"warning: {text}");

    public void Error(string text) => console.Error.WriteLine($"error: {text}");

    public void Json(object document) => console.Out.WriteLine(JsonConvert.SerializeObject(document, JsonSettings));
}
