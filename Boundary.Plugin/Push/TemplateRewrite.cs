using Boundary.Core;
using Boundary.Templates;

namespace Boundary.Push;

/// <summary>
/// The steps <c>hook pre-push</c> and <c>inject</c> share: read, parse and plan every file before
/// writing any, then write with rollback.
/// </summary>
public static class TemplateRewrite
{
    /// <summary>
    /// Plans every template among <paramref name="files"/> (<see cref="TemplateScanner"/> reads each once
    /// and parses only candidates), keeping only the plan; unless <paramref name="dryRun"/>, each changed
    /// template's new bytes are staged in a temp file beside it as it is read. Any unreadable or
    /// malformed template, or one that cannot be edited, stops the run before anything is replaced (the
    /// staged temp files are removed), with every problem named file:line:column. <paramref name="planned"/>
    /// gets each plan on the thread that made it, as soon as it is made, with the template's plan (whose
    /// outcomes share the parse's strings, where the packed records make new ones when read);
    /// <paramref name="deployment"/> is what the env's boundary tells of the deployment
    /// (<see cref="CloudFormationTemplate.Load"/>).
    /// </summary>
    public static IReadOnlyList<PlannedFile> ScanAndPlan(
        IReadOnlyList<string> files,
        Func<string, string> rootOf,
        Func<string, string> displayPath,
        Func<CloudFormationTemplate, string, TemplatePlan> plan,
        bool dryRun,
        PseudoParameters? deployment,
        Action<PlannedFile, TemplatePlan>? planned = null)
    {
        var scan = TemplateScanner.Scan(files, template =>
        {
            var path = displayPath(template.Path);
            var templatePlan = plan(template, path);
            var file = new PlannedFile(rootOf(template.Path), template.Path, path, templatePlan, dryRun);
            try
            {
                planned?.Invoke(file, templatePlan);
            }
            catch
            {
                file.Discard(); // the result is never returned: its staged temp file would be left
                throw;
            }
            return file;
        }, deployment);
        if (scan.Errors.Count == 0)
            return scan.Results;
        Discard(scan.Results);
        throw BoundaryException.File(string.Join("\n", scan.Errors.Select(e => e.Message)) +
                                     $"\nNo file was changed: {Plural(scan.Errors.Count, "template")} could not be read or edited. Fix {(scan.Errors.Count == 1 ? "it" : "them")} and run again.");
    }

    /// <summary>Each plan's report, in order (thousands of files, each with its principals).</summary>
    public static List<FileReport> Reports(IReadOnlyList<PlannedFile> plans)
    {
        var reports = new List<FileReport>(plans.Count);
        foreach (var plan in plans)
        {
            YoungGeneration.Tick();
            reports.Add(plan.Report());
        }
        return reports;
    }

    /// <summary>Removes the temp files staged for plans that were not written.</summary>
    public static void Discard(IEnumerable<PlannedFile> plans)
    {
        foreach (var plan in plans)
            plan.Discard();
    }

    /// <summary>
    /// Replaces every changed file with its staged bytes (in parallel, one rename each, without an fsync
    /// each: a journal written before covers a killed run). When a replacement fails, the files already
    /// replaced get their original bytes back, the other staged files are removed, and the error names the file.
    /// <paramref name="afterAll"/> (a file that goes with the templates, such as the <c>--persist</c>
    /// record) runs once every file is replaced; when it fails, they are all put back the same way.
    /// </summary>
    public static void WriteAll(IReadOnlyList<PlannedFile> changed, Action<int>? written = null, Action? afterAll = null)
    {
        try
        {
            Replace(changed, written, afterAll);
        }
        finally
        {
            Discard(changed);
        }
    }

    private static void Replace(IReadOnlyList<PlannedFile> changed, Action<int>? written, Action? afterAll)
    {
        var replaced = new bool[changed.Count];
        var options = Files.FileWorkers.ForRenames(changed.Count);
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
            try
            {
                afterAll?.Invoke();
            }
            catch (BoundaryException failed)
            {
                throw new AggregateException(failed);
            }
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
            var first = e.InnerExceptions[0];
            var message = first.Message;
            var putBack = replaced.Count(r => r);
            // The failed write's own message speaks of that file alone ("nothing was changed"): when files
            // stay changed, the first line must say so, and that message is quoted as the cause.
            throw problems.Count == 0
                ? BoundaryException.File(message + (putBack == 0
                    ? "\nNo other file had been replaced."
                    : $"\nThe {Plural(putBack, "file")} written before it {(putBack == 1 ? "was" : "were")} put back as {(putBack == 1 ? "it was" : "they were")}."), first)
                : new RollbackFailedException(
                    $"Writing the changed files failed, and putting back {Plural(problems.Count, "file")} written before failed too, so {(problems.Count == 1 ? "it still holds its" : "they still hold their")} changes.\n" +
                    $"The write that failed: {message}\nPutting back:\n" + string.Join("\n", problems), first);
        }
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
