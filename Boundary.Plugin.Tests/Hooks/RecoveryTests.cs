using Boundary.Amplify;
using Boundary.Push;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

/// <summary>A run killed part way: the journal and some files written, the rest not.</summary>
[Category("Unit")]
public class RecoveryTests
{
    private sealed class SimulatedKill : Exception;

    /// <summary>Runs pre-push and "kills" it once <paramref name="files"/> files were replaced.</summary>
    private static void CrashAfter(TempProject project, int files, bool persist = false)
    {
        var written = 0;
        var runner = new PrePushRunner(AmplifyProject.Locate(project.Root, project.Root))
        {
            AfterFileWritten = _ => { if (Interlocked.Increment(ref written) >= files) throw new SimulatedKill(); },
        };
        try
        {
            runner.Run(HookPayload.Empty, new PrePushRequest(Persist: persist));
            Assert.Fail("the run should have been killed");
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is SimulatedKill))
        {
            // As a kill: no cleanup ran.
        }
        File.Exists(project.PathOf(Journal)).Should().BeTrue();
    }

    private static int FilesHoldingTheBoundary(TempProject project) =>
        new[] { FnA, FnB, Groups, Todo, Custom, RootStack }.Count(f => project.Read(f).Contains(DevArn));

    [Test]
    public void The_journal_names_each_file_by_the_XXH128_of_its_bytes_before_and_after()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 1);

        var journal = PushJournal.Parse(Journal, File.ReadAllBytes(project.PathOf(Journal)));

        static string Xxh128(byte[] bytes) => Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes));
        journal.Entries.Should().HaveCountGreaterThan(1);
        foreach (var entry in journal.Entries)
            entry.Before.Should().Be(Xxh128(before[entry.Path]), entry.Path);
        journal.Entries.Where(e => Xxh128(project.ReadBytes(e.Path)) == e.After).Should().ContainSingle("one file was replaced before the kill");
    }

    [Test]
    public void Restore_undoes_a_killed_pre_push()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 3);
        FilesHoldingTheBoundary(project).Should().BeInRange(3, 5);

        var result = CliRunner.Run(project.Root, "restore");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("restored ");
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
        CliRunner.Run(project.Root, "restore").StdOut.Should().Contain("Nothing to restore");
    }

    [Test]
    public void Post_push_undoes_a_killed_pre_push()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 1);

        Hook(project, "post-push").ExitCode.Should().Be(0);

        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void The_next_pre_push_first_undoes_the_stale_journal_then_applies_afresh()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 2);

        var result = Hook(project, "pre-push");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("Undid an earlier run that was not undone");
        result.StdOut.Should().Contain("7 injected, 2 kept");
        FilesHoldingTheBoundary(project).Should().Be(6);
        project.Read(FnA).Split(DevArn).Should().HaveCount(2, "the boundary is in once, not twice");
        Hook(project, "post-push").ExitCode.Should().Be(0);
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void A_killed_persist_run_is_undone_with_its_ownership_file()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 2, persist: true);

        CliRunner.Run(project.Root, "restore").ExitCode.Should().Be(0);

        project.ShouldEqualSnapshot(before);
        File.Exists(Ownership.PathOf(AmplifyProject.Locate(project.Root, project.Root))).Should().BeFalse();
    }

    [Test]
    public void A_journal_copied_with_its_project_is_not_undone_in_the_copy_but_still_is_where_it_was_written()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        CrashAfter(project, 3);
        using var copy = TempProject.FromFixture("multi-env");
        Directory.Delete(copy.PathOf("amplify"), recursive: true);
        TempProject.CopyDirectory(project.Root, copy.Root);
        var copied = copy.Snapshot();

        var inCopy = CliRunner.Run(copy.Root, "restore");

        inCopy.ExitCode.Should().Be(3, inCopy.ToString());
        inCopy.StdErr.Should().Contain("not the one a run in this folder wrote").And.Contain("dotnet boundary restore --discard");
        copy.ShouldEqualSnapshot(copied);
        File.Exists(copy.PathOf(Journal)).Should().BeTrue();
        var whereWritten = CliRunner.Run(project.Root, "restore");
        whereWritten.ExitCode.Should().Be(0, whereWritten.ToString());
        project.ShouldEqualSnapshot(before);
    }

    [Test]
    public void A_journal_cut_short_before_its_ready_line_changed_nothing_and_is_dropped()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        project.Write(Journal, "{\"boundaryJournal\":4,\"mode\":\"transient\",\"env\":\"dev\",\"boundary\":\"arn:aws:iam::123456789012:policy/x\",\"created\":\"2025-01-01T00:00:00+00:00\",\"recordsOwnership\":false,\"ownershipBefore\":null,\"fileId\":\"1@1\"}\n{\"index\":0,\"path\":\"amplify/backend/function/fnA/fnA-cloud");

        var result = CliRunner.Run(project.Root, "restore");

        result.ExitCode.Should().Be(0, result.ToString());
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_journal_of_whole_entries_without_its_ready_line_is_dropped_not_undone()
    {
        // What a run killed while it planned leaves (entries are written as templates are planned). Here
        // the templates even hold what the entries say was written: a journal that never became ready
        // still means nothing, since no template is replaced before that line is on disk.
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        var capped = project.Snapshot();
        var lines = File.ReadAllLines(project.PathOf(Journal));
        lines.Length.Should().BeGreaterThan(2, "the run changed templates");
        File.WriteAllLines(project.PathOf(Journal), lines.Where(line => !line.StartsWith("{\"ready\"") && !line.StartsWith("{\"done\"")));

        var result = CliRunner.Run(project.Root, "restore");

        result.ExitCode.Should().Be(0, result.ToString());
        project.ShouldEqualSnapshot(capped);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
    }

    [Test]
    public void A_dry_run_says_a_journal_cut_short_changed_nothing_and_one_made_ready_is_to_be_undone()
    {
        using var project = TempProject.FromFixture("multi-env");
        CrashAfter(project, 1);
        var ready = Hook(project, "pre-push", null, "--dry-run");
        ready.ExitCode.Should().Be(0, ready.ToString());
        ready.ToString().Should().Contain("left from an earlier run that was not undone").And.Contain("'dotnet boundary restore' undoes it");
        var header = File.ReadLines(project.PathOf(Journal)).First();
        CliRunner.Run(project.Root, "restore").ExitCode.Should().Be(0);
        project.Write(Journal, header + "\n"); // as a run killed while it planned leaves it

        var cutShort = Hook(project, "pre-push", null, "--dry-run");

        cutShort.ExitCode.Should().Be(0, cutShort.ToString());
        cutShort.ToString().Should().Contain("left from an earlier run that stopped before it changed any file; the next run drops it");
    }

    [Test]
    public void A_file_a_person_changed_since_keeps_their_change_and_loses_only_the_tools_property()
    {
        using var project = TempProject.FromFixture("multi-env");
        var original = project.Read(FnA);
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        project.Write(FnA, project.Read(FnA).Replace("nodejs18.x", "nodejs20.x"));

        Hook(project, "post-push").ExitCode.Should().Be(0);

        project.Read(FnA).Should().Be(original.Replace("nodejs18.x", "nodejs20.x"));
    }
}
