using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>Asks on the console; questions go to <paramref name="questions"/> (stdout unless given, stderr under --json).</summary>
public sealed class ConsolePrompter(IConsole console, TextWriter? questions = null) : IPrompter
{
    public string Ask(string question, string? defaultValue = null)
    {
        var writer = questions ?? console.Out;
        writer.Write(TerminalText.Message(string.IsNullOrEmpty(defaultValue) ? $"{question}: " : $"{question} [{defaultValue}]: "));
        writer.Flush();
        var answer = console.In.ReadLine();
        if (answer is null)
            throw BoundaryException.Usage("The question was not answered (stdin closed). Pass the value as an option instead.");
        answer = answer.Trim();
        return answer.Length == 0 ? defaultValue ?? "" : answer;
    }

    public bool Confirm(string question, bool defaultValue = false)
    {
        while (true)
        {
            var answer = Ask($"{question} ({(defaultValue ? "Y/n" : "y/N")})").ToLowerInvariant();
            if (answer.Length == 0)
                return defaultValue;
            if (answer is "y" or "yes")
                return true;
            if (answer is "n" or "no")
                return false;
        }
    }
}
