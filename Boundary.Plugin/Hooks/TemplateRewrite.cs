using Boundary.Editing;
using Boundary.Templates;

namespace Boundary.Hooks;

/// <summary>What happened to one IAM principal of a template.</summary>
public sealed record PrincipalReport(string LogicalId, string Type, int Line, int Column, PrincipalAction Action);

/// <summary>One template's outcome: its path as shown to the user, its principals and, with --dry-run, its diff.</summary>
public sealed record FileReport(string Path, bool Changed, IReadOnlyList<PrincipalReport> Principals, string? Diff)
{
    public int Count(PrincipalAction action) => Principals.Count(p => p.Action == action);
}

/// <summary>The counts a run ends with.</summary>
public sealed record RewriteSummary(
    int FilesScanned,
    int Templates,
    int RolesFound,
    int UsersFound,
    int Injected,
    int Kept,
    int Updated,
    int Removed,
    int Skipped,
    int FilesChanged)
{
    public static readonly RewriteSummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static RewriteSummary Of(int filesScanned, IReadOnlyList<PlannedFile> plans) => new(
        filesScanned,
        plans.Count,
        plans.Sum(p => p.Plan.Template.Principals.Count(r => r.Type == TemplateResource.Role)),
        plans.Sum(p => p.Plan.Template.Principals.Count(r => r.Type == TemplateResource.User)),
        plans.Sum(p => p.Plan.Outcomes.Count(o => o.Action == PrincipalAction.Injected)),
        plans.Sum(p => p.Plan.Outcomes.Count(o => o.Action == PrincipalAction.Kept)),
        plans.Sum(p => p.Plan.Outcomes.Count(o => o.Action == PrincipalAction.Updated)),
        plans.Sum(p => p.Plan.Outcomes.Count(o => o.Action == PrincipalAction.Removed)),
        plans.Sum(p => p.Plan.Outcomes.Count(o => o.Action == PrincipalAction.Skipped)),
        plans.Count(p => p.Plan.Changes));
}

/// <summary>
/// The outcome of <c>hook pre-push</c> or <c>inject</c>: the mode ("transient", "persist", "inject"),
/// the env and boundary, each template's report, the counts, and anything recovered or worth a warning.
/// </summary>
public sealed record RewriteResult(
    string Mode,
    string? Env,
    string? Boundary,
    bool DryRun,
    string? Message,
    IReadOnlyList<FileReport> Files,
    RewriteSummary Summary,
    RestoreResult? Recovered,
    IReadOnlyList<string> Warnings);

/// <summary>One template with its planned edits and the bytes they give; <see cref="Path"/> is relative, '/'-separated.</summary>
public sealed class PlannedFile(string fullPath, string path, TemplatePlan plan)
{
    private byte[]? after;

    public string FullPath { get; } = fullPath;

    public string Path { get; } = path;

    public TemplatePlan Plan { get; } = plan;

    public byte[] Before => Plan.Template.Source.Bytes;

    public byte[] After => after ??= Plan.Apply();

    public FileReport Report(bool withDiff) => new(
        Path,
        Plan.Changes,
        Plan.Outcomes.Select(o => new PrincipalReport(o.Resource.LogicalId, o.Resource.Type, o.Resource.Line, o.Resource.Column, o.Action)).ToList(),
        withDiff && Plan.Changes ? UnifiedDiff.Render(Path, Before, Plan.Edits) : null);
}

/// <summary>
/// The steps <c>hook pre-push</c> and <c>inject</c> share: scan, plan every file before writing any,
/// and write with rollback.
/// </summary>
public static class TemplateRewrite
{
    /// <summary>Reads and parses every candidate file; any unreadable or malformed template stops the run before anything is written.</summary>
    public static ScanResult Scan(IReadOnlyList<string> files)
    {
        var scan = TemplateScanner.Scan(files);
        if (scan.Errors.Count > 0)
            throw BoundaryException.File(string.Join("\n", scan.Errors.Select(e => e.Message)) +
                                         $"\nNo file was changed: {Plural(scan.Errors.Count, "template")} could not be read. Fix {(scan.Errors.Count == 1 ? "it" : "them")} and run again.");
        return scan;
    }

    /// <summary>Plans every template in parallel with <paramref name="plan"/>; errors (a role whose Properties is not an object) stop the run.</summary>
    public static IReadOnlyList<PlannedFile> Plan(
        IReadOnlyList<CloudFormationTemplate> templates,
        Func<string, string> displayPath,
        Func<CloudFormationTemplate, string, TemplatePlan> plan)
    {
        var plans = new PlannedFile[templates.Count];
        var errors = new string?[templates.Count];
        Parallel.For(0, templates.Count, index =>
        {
            var template = templates[index];
            var path = displayPath(template.Path);
            try
            {
                var planned = new PlannedFile(template.Path, path, plan(template, path));
                if (planned.Plan.Changes)
                    _ = planned.After;
                plans[index] = planned;
            }
            catch (BoundaryException e)
            {
                errors[index] = e.Message;
            }
        });
        var failed = errors.Where(e => e is not null).ToList();
        if (failed.Count > 0)
            throw BoundaryException.File(string.Join("\n", failed) + "\nNo file was changed.");
        return plans;
    }

    /// <summary>
    /// Replaces every changed file (in parallel, atomically, without an fsync each: a journal written
    /// before covers a killed run). When a write fails, the files already replaced get their original
    /// bytes back and the error names the file.
    /// </summary>
    public static void WriteAll(IReadOnlyList<PlannedFile> changed, Action<int>? written = null)
    {
        var replaced = new bool[changed.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
        try
        {
            Parallel.For(0, changed.Count, options, (index, state) =>
            {
                if (state.ShouldExitCurrentIteration)
                    return;
                try
                {
                    AtomicFile.Write(changed[index].FullPath, changed[index].After, durable: false);
                }
                catch (BoundaryException)
                {
                    state.Stop();
                    throw;
                }
                replaced[index] = true;
                written?.Invoke(index);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is BoundaryException))
        {
            var problems = new List<string>();
            for (var index = 0; index < changed.Count; index++)
            {
                if (!replaced[index])
                    continue;
                try
                {
                    AtomicFile.Write(changed[index].FullPath, changed[index].Before);
                }
                catch (BoundaryException rollback)
                {
                    problems.Add(rollback.Message);
                }
            }
            var first = (BoundaryException)e.InnerExceptions[0];
            throw problems.Count == 0
                ? BoundaryException.File(first.Message + "\nEvery file written before it was put back as it was.", first)
                : new RollbackFailedException(first.Message + "\nPutting back the files written before it failed too:\n" + string.Join("\n", problems), first);
        }
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}

/// <summary>A write failed and so did putting back what was written: the journal must stay for <c>restore</c>.</summary>
public sealed class RollbackFailedException(string message, Exception inner)
    : BoundaryException(Cli.ExitCodes.ProjectOrFile, message, inner);

/// <summary>
/// Persist mode's rule: the host's rule for values nobody owns, plus: a literal value this tool wrote
/// earlier (per <see cref="Ownership"/>) follows the env's boundary: replaced when it differs
/// (Updated), removed when the env has none (Removed).
/// </summary>
public static class OwnedBoundaryPlanner
{
    public static TemplatePlan Plan(CloudFormationTemplate template, string? arn, InjectionOptions options, Func<TemplateResource, bool> owned)
    {
        var edits = new List<TextEdit>();
        var outcomes = new List<PrincipalOutcome>();
        foreach (var resource in template.Principals)
        {
            if (!BoundaryInjector.Covers(resource, options))
            {
                outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Skipped));
                continue;
            }
            switch (resource.Boundary)
            {
                case BoundaryKind.None when arn is not null:
                    edits.Add(template.AddBoundary(resource, arn));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Injected));
                    break;
                case BoundaryKind.None:
                    break; // no boundary wanted, none there
                case BoundaryKind.Literal when owned(resource) && arn is null:
                    edits.Add(template.RemoveBoundary(resource));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Removed));
                    break;
                case BoundaryKind.Literal when owned(resource) && resource.BoundaryValue != arn:
                    edits.Add(template.ReplaceBoundary(resource, arn!));
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Updated));
                    break;
                default:
                    outcomes.Add(new PrincipalOutcome(resource, PrincipalAction.Kept));
                    break;
            }
        }
        return new TemplatePlan(template, edits, outcomes);
    }
}
