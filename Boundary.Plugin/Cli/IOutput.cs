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
