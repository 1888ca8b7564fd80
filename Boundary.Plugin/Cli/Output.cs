using System.Diagnostics.CodeAnalysis;
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

    /// <summary>A line for the person at the terminal (stderr), beside a document on stdout.</summary>
    void Note(string text);

    /// <summary>Writes <paramref name="document"/> as indented camelCase JSON on stdout.</summary>
    void Json(object document);
}

public sealed class ConsoleOutput(IConsole console) : IOutput
{
    // Newtonsoft serialises by reflection. The native (AOT) build keeps every member it reads: the tool's
    // own assembly and Newtonsoft are trimmer roots (Boundary.Plugin.csproj), and the end-to-end tests
    // run the --json output of the packed native tool.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Serialised types live in a rooted assembly.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Newtonsoft falls back to reflection without dynamic code.")]
    private static JsonSerializerSettings CreateSettings() => new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
    };

    public static readonly JsonSerializerSettings JsonSettings = CreateSettings();

    /// <summary>Indented camelCase JSON: the one serialiser behind every --json document.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Serialised types live in a rooted assembly.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Newtonsoft falls back to reflection without dynamic code.")]
    public static string Serialize(object document) => JsonConvert.SerializeObject(document, JsonSettings);

    public void Line(string text = "") => console.Out.WriteLine(text);

    public void Warn(string text) => console.Error.WriteLine($"warning: {text}");

    public void Error(string text) => console.Error.WriteLine($"error: {text}");

    public void Note(string text) => console.Error.WriteLine(text);

    public void Json(object document) => console.Out.WriteLine(Serialize(document));
}
