namespace Boundary.Core;

/// <summary>Questions to the person at the terminal. Tests answer them with a script.</summary>
public interface IPrompter
{
    /// <summary>Asks for a line of text; an empty answer gives <paramref name="defaultValue"/> (or "").</summary>
    string Ask(string question, string? defaultValue = null);

    bool Confirm(string question, bool defaultValue = false);
}
