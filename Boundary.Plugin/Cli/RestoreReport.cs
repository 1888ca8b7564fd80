using Boundary.Amplify;
using Boundary.Push;

namespace Boundary.Cli;

/// <summary>How <c>hook post-push</c> and <c>restore</c> report.</summary>
public static class RestoreReport
{
    public static object Document(RestoreResult result) => new
    {
        journal = result.HadJournal,
        mode = result.Mode,
        env = result.Env,
        permissionsBoundary = result.Boundary,
        files = result.Files.Select(f => new { path = f.Path, action = RewriteReport.Name(f.Action) }),
        summary = new
        {
            restored = result.Count(RestoreAction.Restored),
            propertiesRemoved = result.Count(RestoreAction.PropertiesRemoved),
            alreadyOriginal = result.Count(RestoreAction.AlreadyOriginal),
            notCopied = result.Count(RestoreAction.NotCopied),
            nothingToUndo = result.Count(RestoreAction.NothingToUndo),
            missing = result.Count(RestoreAction.Missing),
            left = result.Count(RestoreAction.Left),
        },
    };

    public static void Write(IOutput output, bool json, string command, RestoreResult result, IReadOnlyList<string> warnings, HookError? pushError)
    {
        var allWarnings = warnings.Concat(result.Warnings).ToList();
        foreach (var warning in allWarnings)
            output.Warn(warning);
        if (json)
        {
            output.Json(new
            {
                ok = true,
                command,
                pushFailed = pushError is not null,
                pushError = pushError?.Message,
                restore = Document(result),
                warnings = allWarnings,
            });
            return;
        }
        if (!result.HadJournal)
        {
            output.Line("Nothing to restore: no journal in amplify/.boundary (pre-push changed nothing, ran with --persist, or was already undone).");
            return;
        }
        foreach (var file in result.Changed)
            output.Line(file.Action == RestoreAction.Restored
                ? $"restored {file.Path}"
                : $"removed the added boundaries from {file.Path} (the host had rewritten it)");
        var left = result.Count(RestoreAction.Left);
        var push = pushError is null ? "" : " after the failed push";
        output.Line($"{TemplateRewrite.Plural(result.Changed.Count(), "file")} put back{push}" + (left > 0 ? $"; {left} left as they are (see the warnings)." : "."));
    }
}
