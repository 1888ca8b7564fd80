using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// The push journal and the ownership file are untrusted: a repository can ship them. A path that is
/// absolute, climbs out with '..' or leads out through a link, a bad hash, an unknown or missing member,
/// a wrong type or a bad ARN: the file is refused (exit 3) with the command that discards it, and
/// nothing is written, in the project or outside.
/// </summary>
[Category("EndToEnd")]
public class StateFileAttackTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/DevBoundary";

    private static string Header(string boundary = Arn, string fileId = ThisFile) =>
        $"{{\"boundaryJournal\":5,\"mode\":\"transient\",\"env\":\"dev\",\"boundary\":\"{boundary}\",\"created\":\"2025-01-01T00:00:00+00:00\",\"recordsOwnership\":false,\"ownershipBefore\":null,\"fileId\":\"{fileId}\"}}";

    /// <summary>An entry that, if trusted, rewrites the file at <paramref name="path"/> when it holds the victim's bytes.</summary>
    private static string Entry(string path, string? after = null, string extra = "") =>
        $"{{\"index\":0,\"path\":{Quote(path)},\"before\":\"{AttackSite.Hash("original")}\",\"after\":\"{after ?? AttackSite.Hash(AttackSite.VictimText)}\"," +
        $"\"undo\":[{{\"offset\":0,\"removeLength\":5,\"insert\":\"HACKED\"}}],\"added\":[{{\"logicalId\":\"R\",\"value\":\"{Arn}\"}}],\"replaced\":[],\"copyStamp\":null{extra}}}";

    /// <summary>
    /// Writes the journal, then puts the file's own identity into its header (rewritten in place, which
    /// keeps it), as a run here would: each test then meets the check it names, not the identity's.
    /// </summary>
    private static void PlantJournal(AttackSite site, params string[] lines)
    {
        var text = string.Join("\n", lines) + "\n";
        site.Project.Write(Journal, text);
        var identity = global::Boundary.Files.FileIdentity.Of(site.Project.PathOf(Journal))!;
        File.WriteAllText(site.Project.PathOf(Journal), text.Replace(ThisFile, identity));
    }

    /// <summary>Stands for the planted journal file's own identity (see <see cref="PlantJournal"/>).</summary>
    private const string ThisFile = "THIS-FILE";

    private static CliResult RunCommand(AttackSite site, string command) => command switch
    {
        "restore" => site.Run("restore"),
        "post-push" => site.RunWith(Payload(site.Project.Root), "hook", "post-push"),
        _ => site.RunWith(Payload(site.Project.Root), "hook", "pre-push"),
    };

    private static void ShouldBeRefusedJournal(CliResult result)
    {
        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("push-journal.jsonl:").And.Contain("dotnet boundary restore --discard");
        result.StdErr.Trim().Split('\n').Should().OnlyContain(l => l.StartsWith("error:") || l.StartsWith("warning:") || l.StartsWith("  "), result.ToString());
    }

    [TestCase("restore")]
    [TestCase("post-push")]
    [TestCase("pre-push")]
    public void Journal_entry_with_absolute_path_is_refused(string command)
    {
        using var site = AttackSite.FromFixture();
        PlantJournal(site, Header(), Entry(site.Victim), "{\"ready\":1}");
        var before = site.Snapshot();

        var result = RunCommand(site, command);

        ShouldBeRefusedJournal(result);
        result.StdErr.Should().Contain("is not a relative");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("restore")]
    [TestCase("post-push")]
    [TestCase("pre-push")]
    public void Journal_entry_climbing_out_with_dot_dot_is_refused(string command)
    {
        using var site = AttackSite.FromFixture();
        var climb = "amplify/backend/../../../" + Path.GetFileName(site.Outside) + "/victim.txt";
        PlantJournal(site, Header(), Entry(climb), "{\"ready\":1}");
        var before = site.Snapshot();

        var result = RunCommand(site, command);

        ShouldBeRefusedJournal(result);
        result.StdErr.Should().Contain("'..' component");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("restore")]
    [TestCase("post-push")]
    [TestCase("pre-push")]
    public void Journal_entry_reaching_outside_through_a_folder_link_is_refused(string command)
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function/linked"), site.Outside);
        PlantJournal(site, Header(), Entry("amplify/backend/function/linked/victim.txt"), "{\"ready\":1}");
        var before = site.Snapshot();

        var result = RunCommand(site, command);

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("amplify/backend/function/linked: a link to").And.Contain("outside");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("unknown member", ",\"evil\":1")]
    [TestCase("bad hash", null)]
    [TestCase("bad arn", null)]
    [TestCase("missing member", null)]
    [TestCase("wrong type", null)]
    [TestCase("not json", null)]
    [TestCase("backslash path", null)]
    [TestCase("bad header arn", null)]
    [TestCase("old format", null)]
    public void Malformed_journal_is_refused_with_the_command_that_discards_it(string attack, string? extra)
    {
        using var site = AttackSite.FromFixture();
        var fnA = site.Project.ReadBytes(FnA);
        var entry = Entry(FnA, AttackSite.Hash(fnA));
        var lines = attack switch
        {
            "unknown member" => new[] { Header(), Entry(FnA, AttackSite.Hash(fnA), extra!), "{\"ready\":1}" },
            "bad hash" => [Header(), Entry(FnA, AttackSite.Hash(fnA).ToUpperInvariant()), "{\"ready\":1}"],
            "bad arn" => [Header(), entry.Replace(Arn, "arn:aws:s3:::not-a-policy"), "{\"ready\":1}"],
            "missing member" => [Header(), entry.Replace($"\"before\":\"{AttackSite.Hash("original")}\",", ""), "{\"ready\":1}"],
            "wrong type" => [Header(), entry.Replace("\"index\":0", "\"index\":\"0\""), "{\"ready\":1}"],
            "not json" => [Header(), "{not json at all", "{\"ready\":1}"],
            "backslash path" => [Header(), Entry("amplify\\\\backend\\\\x.json"), "{\"ready\":1}"],
            "bad header arn" => [Header(boundary: "arn:aws:iam::12345:policy/x"), entry, "{\"ready\":1}"],
            _ => [Header().Replace("\"boundaryJournal\":5", "\"boundaryJournal\":2"), entry, "{\"ready\":1}"],
        };
        PlantJournal(site, lines);
        var before = site.Snapshot();

        var result = site.Run("restore");

        ShouldBeRefusedJournal(result);
        site.ShouldBeUnchanged(before);
    }

    [TestCase("restore")]
    [TestCase("post-push")]
    [TestCase("pre-push")]
    public void A_well_formed_journal_shipped_in_the_repository_is_never_undone(string command)
    {
        // Its entry names a real template by the hash of its bytes, as a journal of a run here would: only
        // the journal file's identity (a clone's is new) tells it from one.
        using var site = AttackSite.FromFixture();
        PlantJournal(site, Header(fileId: "12345@1700000000000000000"), Entry(FnA, AttackSite.Hash(site.Project.ReadBytes(FnA))), "{\"ready\":1}");
        var before = site.Snapshot();

        var result = RunCommand(site, command);

        ShouldBeRefusedJournal(result);
        result.StdErr.Should().Contain("not the one a run in this folder wrote");
        site.ShouldBeUnchanged(before);
        site.Project.Read(FnA).Should().NotContain("HACKED");
    }

    [Test]
    public void Restore_discard_deletes_a_refused_journal_and_nothing_else()
    {
        using var site = AttackSite.FromFixture();
        PlantJournal(site, Header(), Entry(site.Victim), "{\"ready\":1}");
        site.Run("restore").ExitCode.Should().Be(3);
        var before = site.Snapshot();

        var discard = site.Run("restore", "--discard");

        discard.ExitCode.Should().Be(0, discard.ToString());
        discard.StdOut.Should().Contain("Discarded");
        File.Exists(site.Project.PathOf(Journal)).Should().BeFalse();
        before.Remove(site.Project.PathOf(Journal));
        site.ShouldBeUnchanged(before);
        site.Run("restore").StdOut.Should().Contain("Nothing to restore");
    }

    [Test]
    public void Journal_that_is_a_link_out_of_the_project_is_refused()
    {
        using var site = AttackSite.FromFixture();
        Directory.CreateDirectory(site.Project.PathOf("amplify/.boundary"));
        File.CreateSymbolicLink(site.Project.PathOf(Journal), site.Victim);
        var before = site.Snapshot();

        var result = site.Run("restore");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("push-journal.jsonl");
        site.ShouldBeUnchanged(before);
    }

    [TestCase("{\"owned\":[{\"file\":\"/etc/passwd\",\"logicalId\":\"R\",\"value\":\"" + Arn + "\"}]}", "is not a relative")]
    [TestCase("{\"owned\":[{\"file\":\"amplify/backend/../../x.json\",\"logicalId\":\"R\",\"value\":\"" + Arn + "\"}]}", "'..' component")]
    [TestCase("{\"owned\":[{\"file\":\"amplify/backend/x.json\",\"logicalId\":\"R\",\"value\":\"not an arn\"}]}", "not a valid policy ARN")]
    [TestCase("{\"owned\":[{\"file\":\"amplify/backend/x.json\",\"logicalId\":7,\"value\":\"" + Arn + "\"}]}", "schema")]
    [TestCase("{\"owned\":[],\"extra\":true}", "schema")]
    [TestCase("{\"owned\":null}", "schema")]
    [TestCase("[1,2,3]", "schema")]
    [TestCase("{\"owned\":[{\"file\"", "schema")]
    public void Malformed_ownership_file_is_refused_and_nothing_is_written(string text, string expected)
    {
        using var site = AttackSite.FromFixture();
        site.Project.Write("amplify/boundary-owned.json", text);
        var before = site.Snapshot();

        var result = site.RunWith(Payload(site.Project.Root), "hook", "pre-push", "--persist");

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain("boundary-owned.json").And.Contain(expected).And.Contain("git checkout -- amplify/boundary-owned.json")
            .And.NotContain("Boundary.Push", "the message names the file's shape, not the tool's types");
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Temp_files_left_by_a_killed_run_are_removed_and_nothing_else()
    {
        using var site = AttackSite.FromFixture();
        using (var dead = System.Diagnostics.Process.Start("true"))
        {
            dead.WaitForExit();
            var ours = $".fnA-cloudformation-template.json.{dead.Id}.{Guid.NewGuid():N}.tmp";
            site.Project.Write("amplify/backend/function/fnA/" + ours, "half a template");
            site.Project.Write("amplify/backend/custom/mystack/.team-provider-info.json." + dead.Id + "." + Guid.NewGuid().ToString("N") + ".tmp", "x");
        }
        site.Project.Write("amplify/backend/function/fnA/.notours.tmp", "a user's file");
        File.CreateSymbolicLink(site.Project.PathOf($"amplify/backend/.link.json.1.{Guid.NewGuid():N}.tmp"), site.Victim);
        var before = site.Snapshot();

        var result = site.Run("restore");

        result.ExitCode.Should().Be(0, result.ToString());
        var left = Directory.EnumerateFiles(site.Project.Root, "*.tmp", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        left.Should().BeEquivalentTo([".notours.tmp", Path.GetFileName(Directory.EnumerateFiles(site.Project.PathOf("amplify/backend"), ".link.json.*").Single())]);
        foreach (var path in before.Keys.Where(k => !k.EndsWith(".tmp", StringComparison.Ordinal)))
            File.ReadAllBytes(path).Should().Equal(before[path]);
        File.ReadAllText(site.Victim).Should().Be(AttackSite.VictimText);
    }
}
