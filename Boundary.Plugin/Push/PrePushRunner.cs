using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Json;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// <c>hook pre-push</c>: applies the env's boundary to every CloudFormation template under
/// amplify/backend. Transient by default (the journal lets post-push put every byte back); with
/// persist, the values stay and <see cref="Ownership"/> records them. Every template is planned before
/// any is replaced; a template that cannot be read or parsed stops the run with no file changed.
/// </summary>
public sealed class PrePushRunner(AmplifyProject project)
{
    /// <summary>For tests: called after each file is replaced, to simulate a run killed part way.</summary>
    internal Action<int>? AfterFileWritten { get; init; }

    /// <summary>For tests: called once every template is planned (staged and journaled), before the journal is made ready and the first rename.</summary>
    internal Action? AfterPlanned { get; init; }

    public RewriteResult Run(HookPayload payload, PrePushRequest request, List<string>? warnings = null)
    {
        warnings ??= [];
        // A dry run writes nothing: it takes the lock only where one exists (creating the state folder,
        // its .gitignore or its lock would be a write), and refuses a state folder the real run could not make.
        using var gate = request.DryRun
            ? ProjectLock.AcquireExisting(project.Root, project.StateDir)
            : ProjectLock.Acquire(project.Root, project.StateDir);
        // Beside the walk for templates below: it ends before this run writes anything.
        using var sweep = request.DryRun ? null : new TempFileSweep(gate!, project.AmplifyDir);

        RestoreResult? recovered = null;
        var journalPath = PushJournal.PathIn(project.StateDir);
        if (NativeFiles.KindOf(ProjectPath.Confine(project.Root, journalPath), followLinks: false) != FileKind.Missing)
        {
            if (request.DryRun)
                warnings.Add(LeftJournalWarning(journalPath));
            else
            {
                sweep!.Wait();
                recovered = PushRestorer.Restore(project);
            }
            if (recovered is not null)
                warnings.AddRange(recovered.Warnings);
        }

        try
        {
            return Rewrite(payload, request, warnings, sweep, recovered, journalPath);
        }
        catch (BoundaryException e) when (recovered is not null && recovered.Changed.Any())
        {
            // The refusal's "nothing was changed" speaks of this run: the undo of the earlier one stands.
            var count = recovered.Changed.Count();
            var message = $"{e.Message}\nBefore that, {TemplateRewrite.Plural(count, "file")} an earlier run had changed {(count == 1 ? "was" : "were")} put back.";
            throw e is RollbackFailedException ? new RollbackFailedException(message, e) : new BoundaryException(e.ExitCode, message, e);
        }
    }

    private RewriteResult Rewrite(HookPayload payload, PrePushRequest request, List<string> warnings, TempFileSweep? sweep, RestoreResult? recovered, string journalPath)
    {
        var settings = HookSettings.Load(project);
        var persist = request.Persist || settings.Persist;
        var mode = persist ? "persist" : "transient";
        var (env, boundary, why, stale) = ResolveBoundary(request.Env ?? payload.EnvName, request.Env is not null, warnings);
        var options = new InjectionOptions(request.IncludeUsers || settings.IncludeUsers, stale);
        var ownership = persist ? Ownership.Load(project) : null;

        if (boundary is null && (ownership is null || ownership.Entries.Count == 0))
            return new RewriteResult(mode, env, null, request.DryRun, why, [], RewriteSummary.Empty, recovered, warnings);

        var files = Directory.Exists(project.BackendDir) ? TemplateFinder.Find([project.BackendDir], warnings, project.Root) : [];
        sweep?.Wait();
        // The journal gets each changed template's entry as soon as it is planned, so that writing the
        // entries overlaps reading the other templates; it means nothing until its ready line.
        var journal = request.DryRun ? null : PushJournal.Begin(project.Root, journalPath, new JournalHeader(mode, env, boundary, DateTimeOffset.UtcNow, persist, ownership?.Text));
        var ready = false;
        var keepJournal = false;
        IReadOnlyList<PlannedFile> plans = [];
        try
        {
            plans = TemplateRewrite.ScanAndPlan(files, _ => project.Root, RelativePath, (template, path) => EnsureRecordable(path, persist
                ? OwnedBoundaryPlanner.Plan(template, boundary, options, r => r.BoundaryValue is { } value && ownership!.Owns(path, r.LogicalId, value))
                : BoundaryInjector.Plan(template, boundary!, options)), request.DryRun, DeploymentOf(boundary, stale.Keys), journal is null ? null : (file, plan) => Journal(journal, file, plan, boundary));
            AfterPlanned?.Invoke();
            var changed = plans.Where(p => p.Changes).ToList();
            var summary = RewriteSummary.Of(files.Count, plans);
            var message = boundary is null ? why : null;

            var newOwnership = persist ? Ownership.Render(OwnedAfter(plans, boundary, ownership!)) : null;
            var ownershipChanges = persist && newOwnership != ownership!.Text;
            if (ownershipChanges)
                Ownership.EnsureSavable(project, newOwnership);

            // post-push puts back the copies the host makes in #current-cloud-backend, and refuses the whole
            // undo when one of them lies outside the project: refused now, before any template changes
            // (and by the dry run, which refuses what the run that writes refuses).
            ProjectPath.ConfineAll(project.Root, changed.Select(CopyPathOf).OfType<string>());

            if (request.DryRun)
            {
                // The journal is created in the state folder once there is a change to journal.
                if (changed.Count > 0 || ownershipChanges)
                    PushJournal.EnsureCreatable(project.Root, journalPath);
                return new RewriteResult(mode, env, boundary, true, message, TemplateRewrite.Reports(plans), summary, recovered, warnings);
            }
            if (changed.Count > 0 || ownershipChanges)
            {
                journal!.Ready();
                ready = keepJournal = true;
                try
                {
                    // The record goes last, and a record that cannot be saved puts the templates back:
                    // without it the next run could not tell the values it wrote from a person's.
                    TemplateRewrite.WriteAll(changed, index =>
                    {
                        journal.MarkDone(changed[index].JournalIndex);
                        AfterFileWritten?.Invoke(index);
                    }, ownershipChanges ? () => Ownership.Save(project, newOwnership) : null);
                }
                catch (RollbackFailedException e)
                {
                    // The journal stays (keepJournal): the host will not run post-push after a failed
                    // pre-push, so the way back must be said here.
                    throw new RollbackFailedException($"{e.Message}\nThe journal {journalPath} was kept: fix the problem and run 'dotnet boundary restore' to put them back.", e);
                }
                catch (BoundaryException)
                {
                    keepJournal = false; // every file written was put back
                    throw;
                }
                if (persist)
                    keepJournal = false; // the values stay: nothing for post-push to undo
            }
            return new RewriteResult(mode, env, boundary, false, message, TemplateRewrite.Reports(plans), summary, recovered, warnings);
        }
        finally
        {
            try
            {
                journal?.Dispose();
                if (journal is { Created: true } && !keepJournal)
                    DeleteJournal(journalPath, ready);
            }
            finally
            {
                // Staged temp files of a run stopped before (or while) they were renamed into place.
                TemplateRewrite.Discard(plans);
            }
        }
    }

    /// <summary>
    /// Deletes the journal of a run that left nothing to undo. One without its ready line means nothing
    /// (the next run drops it), so failing to delete it is not an error that would hide the run's own.
    /// </summary>
    private void DeleteJournal(string journalPath, bool ready)
    {
        try
        {
            PushJournal.Delete(project.Root, journalPath);
        }
        catch (BoundaryException) when (!ready)
        {
            // Left for the next run to drop.
        }
    }

    /// <summary>
    /// A principal to change whose logical id the journal cannot record (empty, or with a control
    /// character, which CloudFormation refuses anyway) stops the run before any write, dry run or not:
    /// post-push could not put it back.
    /// </summary>
    private static TemplatePlan EnsureRecordable(string path, TemplatePlan plan)
    {
        if (plan.Edits.Count > 0 && plan.Outcomes.FirstOrDefault(o => o.Action is not (PrincipalAction.Kept or PrincipalAction.Skipped) && !PushJournal.CanRecord(o.Resource.LogicalId)) is { } bad)
            throw BoundaryException.File(
                $"{path}: {Printable.Of(bad.Resource.LogicalId)} ({bad.Resource.Type}): its logical id is empty or holds a control character, which the push journal cannot record, so post-push could not put it back " +
                "(CloudFormation takes only letters and digits there). Nothing was changed. Rename it and run again.");
        return plan;
    }

    /// <summary>Journals a changed template as it is planned (on the thread that read it).</summary>
    private static void Journal(PushJournal journal, PlannedFile file, TemplatePlan plan, string? boundary)
    {
        if (!file.Changes)
            return;
        var outcomes = plan.Outcomes;
        file.JournalIndex = journal.Append(index => new JournalEntry(
            index,
            file.Path,
            file.BeforeHash,
            file.AfterHash,
            file.Undo,
            outcomes.Where(o => o.Action == PrincipalAction.Injected).Select(o => new AddedBoundary(o.Resource.LogicalId, boundary!)).ToList(),
            outcomes.Where(o => o.Action == PrincipalAction.Updated).Select(o => new ReplacedBoundary(o.Resource.LogicalId, o.Resource.BoundaryValue!, boundary!)).ToList(),
            CopyStampOf(file)));
    }

    /// <summary>
    /// What a dry run says of a journal an earlier run left (it reads it, undoes nothing). One the run that
    /// writes would refuse (not a journal the tool wrote, a folder or FIFO in its place) is refused here too.
    /// </summary>
    private string LeftJournalWarning(string journalPath)
    {
        var left = PushJournal.Read(project.Root, journalPath);
        // The run that writes undoes or drops it, then deletes it.
        AtomicFile.EnsureDeletable(journalPath, ProjectPath.Confine(project.Root, journalPath));
        return left is { Complete: false }
            ? $"{journalPath} is left from an earlier run that stopped before it changed any file; the next run drops it."
            : $"{journalPath} is left from an earlier run that was not undone; the dry run shows the templates as they are. 'dotnet boundary restore' undoes it.";
    }

    private string RelativePath(string fullPath) => Path.GetRelativePath(project.Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// The env (payload or --env, else the current one), its boundary (null with the reason when it has
    /// none) and the other envs' boundaries, which are stale wherever a template holds them. An env the
    /// host's payload names that team-provider-info lacks has no boundary for the host either (a warning);
    /// one given with --env is a person's typing mistake, an unknown env as for every other command.
    /// </summary>
    private (string? Env, string? Boundary, string Why, IReadOnlyDictionary<string, string> Stale) ResolveBoundary(string? requested, bool given, List<string> warnings)
    {
        if (!File.Exists(project.TeamProviderInfoPath))
            return (requested, null, $"{project.TeamProviderInfoPath} does not exist, so no env has a permissions boundary; nothing to do.", new Dictionary<string, string>());
        var teamProviderInfo = project.LoadTeamProviderInfo();
        var known = AmplifyProject.EnvNames(teamProviderInfo);
        if (requested is not null && !known.Contains(requested) && !given)
        {
            warnings.Add($"env '{requested}' is not in {project.TeamProviderInfoPath} (it has {(known.Count == 0 ? "none" : string.Join(", ", known))}), so it has no permissions boundary.");
            return (requested, null, $"Env '{requested}' has no permissions boundary; nothing to do.", new Dictionary<string, string>());
        }
        var env = project.ResolveEnv(requested, teamProviderInfo);
        var boundary = BoundarySettings.Read(teamProviderInfo, env);
        if (boundary is not null)
            PolicyArn.ParseStored(boundary, $"env '{env}' of {project.TeamProviderInfoPath}", $"Fix it with 'dotnet boundary set <arn> --env {env}' and push again.");
        return (env, boundary, $"Env '{env}' has no permissions boundary; nothing to do.", OtherEnvBoundaries.Read(teamProviderInfo, env, boundary));
    }

    /// <summary>What the env's boundary (checked when read) tells of the deployment, and the other envs' boundaries; nothing when it has none.</summary>
    private static PseudoParameters? DeploymentOf(string? boundary, IEnumerable<string> otherBoundaries)
    {
        if (boundary is null)
            return null;
        var arn = PolicyArn.Parse(boundary);
        return PseudoParameters.Of(arn.Partition, arn.Account, OtherEnvBoundaries.AccountsOf(otherBoundaries));
    }

    /// <summary>The stamp of the file's #current-cloud-backend copy before the run, so post-push can tell whether the host replaced it.</summary>
    private static FileStamp? CopyStampOf(PlannedFile file) => CopyPathOf(file) is { } copy ? FileStamp.Of(copy) : null;

    /// <summary>Where the host copies a template of amplify/backend on a push (#current-cloud-backend); null for another file.</summary>
    private static string? CopyPathOf(PlannedFile file)
    {
        if (!file.Path.StartsWith(PushRestorer.BackendPrefix, StringComparison.Ordinal))
            return null;
        var root = file.FullPath[..^file.Path.Length];
        return Path.Combine(root, (PushRestorer.CopyPrefix + file.Path[PushRestorer.BackendPrefix.Length..]).Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>What the tool owns after a persist run: every value it injected or updated, and the owned values it kept as they were.</summary>
    private static IEnumerable<OwnedBoundary> OwnedAfter(IReadOnlyList<PlannedFile> plans, string? boundary, Ownership previous)
    {
        foreach (var file in plans)
        {
            foreach (var principal in file.Principals)
            {
                switch (principal.Action)
                {
                    case PrincipalAction.Injected or PrincipalAction.Updated:
                        yield return new OwnedBoundary(file.Path, principal.LogicalId, boundary!);
                        break;
                    case PrincipalAction.Kept when principal.BoundaryValue is { } value && principal.Boundary == BoundaryKind.Literal && previous.Owns(file.Path, principal.LogicalId, value):
                        yield return new OwnedBoundary(file.Path, principal.LogicalId, value);
                        break;
                }
            }
        }
    }
}
