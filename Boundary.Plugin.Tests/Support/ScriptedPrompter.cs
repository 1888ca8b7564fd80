using Boundary.Core;

namespace Boundary.Tests.Support;

/// <summary>Answers prompts from a script and records the questions.</summary>
public sealed class ScriptedPrompter(params string[] answers) : IPrompter
{
    private readonly Queue<string> pending = new(answers);

    public List<string> Questions { get; } = [];

    public string Ask(string question, string? defaultValue = null)
    {
        Questions.Add(question);
        if (pending.Count == 0)
            throw new InvalidOperationException($"Unexpected question: {question}");
        var answer = pending.Dequeue();
        return answer.Length == 0 ? defaultValue ?? "" : answer;
    }

    public bool Confirm(string question, bool defaultValue = false) => Ask(question) is "y" or "yes";
}
