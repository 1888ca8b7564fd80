using Boundary.Amplify;
using Boundary.Push;

namespace Boundary.Cli;

/// <summary>How <c>hook post-push</c> and <c>restore</c> report.</summary>
public static class RestoreReport
{
    public static RestoreDocument Document(RestoreResult result) => new(
        result.HadJournal,
        result.Mode,
        result.Env,
        result.Boundary,
        [.. result.Files.Select(f => new RestoredFileEntry(f.Path, RewriteReport.Name(f.Action)))],
        new RestoreCounts(
            result.Count(RestoreAction.Restored),
            result.Count(RestoreAction.PropertiesRemoved),
            result.Count(RestoreAction.AlreadyOriginal),
            result.Count(RestoreAction.NotCopied),
            result.Count(RestoreAction.NothingToUndo),
            result.Count(RestoreAction.Missing),
            result.Count(RestoreAction.Left)));

    public static void Write(IOutput output, bool json, string command, RestoreResult result, IReadOnlyList<string> warnings, HookError? pushError)
    {
        var allWarnings = warnings.Concat(result.Warnings).ToList();
        foreach (var warning in allWarnings)
            output.Warn(warning);
        if (json)
        {
            output.Json(new RestoreRunDocument(true, command, pushError is not null, pushError?.Message, Document(result), allWarnings));
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
