using Boundary.Push;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Cli;

/// <summary>
/// How <c>hook pre-push</c> and <c>inject</c> report: one line per changed file and a summary, or
/// (--dry-run) the unified diff then the summary; with --json one <see cref="RewriteDocument"/>.
/// </summary>
public static class RewriteReport
{
    public static void Write(IOutput output, bool json, string command, RewriteResult result)
    {
        foreach (var warning in result.Warnings)
            output.Warn(warning);
        if (json)
        {
            output.Json(new RewriteDocument(
                true,
                command,
                result.Mode,
                result.DryRun,
                result.Env,
                result.Boundary,
                result.Message,
                [.. result.Files.Select(f => new RewrittenFile(
                    f.Path,
                    f.Changed,
                    f.Count(PrincipalAction.Injected),
                    f.Count(PrincipalAction.Kept),
                    f.Count(PrincipalAction.Updated),
                    f.Count(PrincipalAction.Removed),
                    f.Count(PrincipalAction.Skipped),
                    [.. f.Principals.Select(p => new RewrittenPrincipal(p.LogicalId, p.Type, p.Line, p.Column, Name(p.Action), p.Note))],
                    f.Diff()))],
                result.Summary,
                result.Recovered is { HadJournal: true } recovered ? RestoreReport.Document(recovered) : null,
                result.Warnings));
            return;
        }
        if (result.Recovered is { HadJournal: true } undone)
            output.Line($"Undid an earlier run that was not undone ({TemplateRewrite.Plural(undone.Changed.Count(), "file")} put back).");
        if (result.Message is not null)
            output.Line(result.Message);
        if (result.Boundary is null && result.Summary.Templates == 0)
            return;
        var verb = result.DryRun ? "would change" : "changed";
        foreach (var file in result.Files.Where(f => f.Changed))
        {
            if (result.DryRun)
                output.Text(file.WriteDiff!);
            else
                output.Line($"{verb} {file.Path} ({Counts(file)})");
            foreach (var principal in file.Principals.Where(p => p.Note is not null))
                output.Line($"  {Printable.Of(principal.LogicalId)} ({file.Path}:{principal.Line}:{principal.Column}): {Name(principal.Action)}: {principal.Note}");
        }
        var s = result.Summary;
        var target = result.Env is null ? result.Boundary : $"env '{Printable.Of(result.Env)}': {result.Boundary ?? "no boundary"}";
        var tail = result.DryRun
            ? " Dry run: nothing written."
            : result.Mode == "transient" && s.FilesChanged > 0 ? " 'hook post-push' (or 'dotnet boundary restore') puts them back." : "";
        output.Line($"{target}: {TemplateRewrite.Plural(s.FilesScanned, "file")} scanned, {TemplateRewrite.Plural(s.Templates, "template")}, {TemplateRewrite.Plural(s.RolesFound, "role")}{(s.UsersFound > 0 ? " and " + TemplateRewrite.Plural(s.UsersFound, "user") : "")} found; " +
                    $"{s.Injected} injected, {s.Kept} kept, {s.Updated} updated, {s.Removed} removed, {s.Skipped} skipped; " +
                    $"{TemplateRewrite.Plural(s.FilesChanged, "file")} {verb}.{tail}");
    }

    private static string Counts(FileReport file)
    {
        var parts = new List<string>();
        foreach (var action in new[] { PrincipalAction.Injected, PrincipalAction.Updated, PrincipalAction.Removed, PrincipalAction.Kept })
            if (file.Count(action) > 0)
                parts.Add($"{file.Count(action)} {Name(action)}");
        return string.Join(", ", parts);
    }

    /// <summary>An enum value as the JSON documents spell it: camelCase.</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
