using System.Text.Json;

namespace Boundary.Amplify;

/// <summary>
/// What the host writes to a hook's stdin:
/// <c>{ "data": { "amplify": { "environment": ..., "command": "push", "subCommand": ..., "argv": [...], "version": ..., "error": {...} } } }</c>.
/// <c>environment</c> is declared a string but is in practice the whole local-env-info object, so both
/// are read. Every field is optional and unknown fields are ignored: hosts differ, and a hook that
/// fails on a payload it does not understand would stop the push.
/// </summary>
public sealed record HookPayload(
    string? EnvName,
    string? ProjectPath,
    string? Command,
    string? SubCommand,
    IReadOnlyList<string> Argv,
    string? Version,
    HookError? Error)
{
    public static readonly HookPayload Empty = new(null, null, null, null, [], null, null);

    /// <summary>True when the host reported that the command failed (post-hooks only).</summary>
    public bool CommandFailed => Error is not null;

    /// <summary>
    /// Reads a payload. Blank text gives <see cref="Empty"/>; text that is not a JSON object gives
    /// <see cref="Empty"/> and a <paramref name="problem"/> to warn about.
    /// </summary>
    public static HookPayload Parse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
            return Empty;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the hook payload on stdin is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return Empty;
            }
            // The documented shape nests under data.amplify; accept the inner objects on their own too.
            var amplify = Member(Member(root, "data") ?? root, "amplify") ?? Member(root, "data") ?? root;

            string? envName = null;
            string? projectPath = null;
            switch (Member(amplify, "environment"))
            {
                case { ValueKind: JsonValueKind.String } name:
                    envName = name.GetString();
                    break;
                case { ValueKind: JsonValueKind.Object } info:
                    envName = String(info, "envName");
                    projectPath = String(info, "projectPath");
                    break;
            }
            var argv = Member(amplify, "argv") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList()
                : [];
            HookError? error = Member(amplify, "error") switch
            {
                { ValueKind: JsonValueKind.Object } e => new HookError(String(e, "message"), String(e, "stack")),
                { ValueKind: JsonValueKind.String } e => new HookError(e.GetString(), null),
                _ => null,
            };
            return new HookPayload(
                Blank(envName),
                Blank(projectPath),
                String(amplify, "command"),
                String(amplify, "subCommand"),
                argv,
                String(amplify, "version"),
                error);
        }
        catch (JsonException e)
        {
            problem = $"the hook payload on stdin is not valid JSON ({e.Message})";
            return Empty;
        }
    }

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static JsonElement? Member(JsonElement? element, string name) =>
        element is { } e ? Member(e, name) : null;

    private static string? String(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
