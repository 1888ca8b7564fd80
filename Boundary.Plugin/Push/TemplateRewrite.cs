using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

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
        plans.Sum(p => p.Principals.Count(r => r.Type == TemplateResource.Role)),
        plans.Sum(p => p.Principals.Count(r => r.Type == TemplateResource.User)),
        plans.Sum(p => p.Count(PrincipalAction.Injected)),
        plans.Sum(p => p.Count(PrincipalAction.Kept)),
        plans.Sum(p => p.Count(PrincipalAction.Updated)),
        plans.Sum(p => p.Count(PrincipalAction.Removed)),
        plans.Sum(p => p.Count(PrincipalAction.Skipped)),
        plans.Count(p => p.Changes));
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

/// <summary>
/// One template's plan, kept compact: the edits, their inverse, the hashes before and after and the
/// outcomes, but not the file's bytes nor its parse, so that a project of thousands of templates is
/// planned whole (any error stops the run before a write) in little memory. The write reads the file
/// again and checks it still has the hash it was planned from. <see cref="Path"/> is relative, '/'-separated.
/// </summary>
public sealed class PlannedFile
{
    public PlannedFile(string fullPath, string path, TemplatePlan plan, bool withDiff)
    {
        FullPath = fullPath;
        Path = path;
        Edits = plan.Edits;
        Outcomes = plan.Outcomes;
        Principals = plan.Template.Principals;
        if (!Changes)
            return;
        var before = plan.Template.Source.Bytes;
        BeforeHash = PushJournal.Hash(before);
        AfterHash = HashAfter(before, Edits);
        Undo = TextEdit.Inverse(before, Edits);
        if (withDiff)
            Diff = UnifiedDiff.Render(path, before, Edits);
    }

    public string FullPath { get; }

    public string Path { get; }

    /// <summary>The SHA-256 of the edited bytes, hashed piece by piece: no copy of a large file just to hash it.</summary>
    private static string HashAfter(byte[] before, IReadOnlyList<TextEdit> edits)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var position = 0;
        foreach (var edit in edits.OrderBy(e => e.Offset).ThenBy(e => e.RemoveLength))
        {
            hash.AppendData(before, position, edit.Offset - position);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(edit.Insert));
            position = edit.Offset + edit.RemoveLength;
        }
        hash.AppendData(before, position, before.Length - position);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public IReadOnlyList<TextEdit> Edits { get; }

    public IReadOnlyList<PrincipalOutcome> Outcomes { get; }

    public IReadOnlyList<TemplateResource> Principals { get; }

    public bool Changes => Edits.Count > 0;

    public string BeforeHash { get; } = "";

    public string AfterHash { get; } = "";

    /// <summary>The edits that turn the written file back into the original.</summary>
    public IReadOnlyList<TextEdit> Undo { get; } = [];

    public string? Diff { get; }

    public int Count(PrincipalAction action) => Outcomes.Count(o => o.Action == action);

    public FileReport Report() => new(
        Path,
        Changes,
        Outcomes.Select(o => new PrincipalReport(o.Resource.LogicalId, o.Resource.Type, o.Resource.Line, o.Resource.Column, o.Action)).ToList(),
        Diff);

    /// <summary>Reads the file again, checks it is still what was planned from, and writes the edited bytes.</summary>
    public void Write()
    {
        var source = SourceText.Read(FullPath);
        if (PushJournal.Hash(source.Bytes) != BeforeHash)
            throw BoundaryException.File($"{FullPath}: changed while 'dotnet boundary' was running. Run again.");
        AtomicFile.Write(FullPath, TextEdit.Apply(source.Bytes, Edits), durable: false);
    }

    /// <summary>Puts the original bytes back into a file this run wrote.</summary>
    public void Revert()
    {
        var source = SourceText.Read(FullPath);
        AtomicFile.Write(FullPath, TextEdit.Apply(source.Bytes, Undo));
    }
}

/// <summary>
/// The steps <c>hook pre-push</c> and <c>inject</c> share: read, parse and plan every file before
/// writing any, then write with rollback.
/// </summary>
public static class TemplateRewrite
{
    /// <summary>
    /// Plans every template among <paramref name="files"/> (<see cref="TemplateScanner"/> reads each once
    /// and parses only candidates), keeping only the plan. Any unreadable or malformed template, or one
    /// that cannot be edited, stops the run before anything is written, with every problem named
    /// file:line:column.
    /// </summary>
    public static IReadOnlyList<PlannedFile> ScanAndPlan(
        IReadOnlyList<string> files,
        Func<string, string> displayPath,
        Func<CloudFormationTemplate, string, TemplatePlan> plan,
        bool withDiff)
    {
        var scan = TemplateScanner.Scan(files, template =>
        {
            var path = displayPath(template.Path);
            return new PlannedFile(template.Path, path, plan(template, path), withDiff);
        });
        if (scan.Errors.Count > 0)
            throw BoundaryException.File(string.Join("\n", scan.Errors.Select(e => e.Message)) +
                                         $"\nNo file was changed: {Plural(scan.Errors.Count, "template")} could not be read or edited. Fix {(scan.Errors.Count == 1 ? "it" : "them")} and run again.");
        return scan.Results;
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
                    changed[index].Write();
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
                    changed[index].Revert();
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
    : BoundaryException(ExitCodes.ProjectOrFile, message, inner);

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
