using Boundary.Core;
using System.Diagnostics;
using Boundary.Files;
using Boundary.Push;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Files;

/// <summary>
/// A replaced file is a new file: without care it belongs to whoever ran the tool. A run as root (a CI
/// container over a mounted checkout, sudo) keeps each file's owner, group and mode, and the files it makes
/// (the state folder, its lock, the journal) belong to the project's user too. Owner and mode are set on
/// the open file, never through its name.
/// </summary>
[Category("Unit")]
public class FileOwnershipTests
{
    private const string Nobody = "65534";
    private const UnixFileMode OwnerReadWriteGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private static void RequireRoot()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Assert.Ignore("Giving a file to another user needs root; this run is not root.");
    }

    [Test]
    public void A_file_replaced_by_root_keeps_its_owner_group_and_mode()
    {
        RequireRoot();
        using var temp = new TempFolder("boundary-owner-");
        var folder = temp.Path;
        var path = Path.Combine(folder, "template.json");
        File.WriteAllText(path, "{}");
        Chown($"{Nobody}:{Nobody}", path);
        File.SetUnixFileMode(path, OwnerReadWriteGroupRead);

        AtomicFile.Write(folder, path, stream => stream.Write("{\"a\":1}"u8));

        File.ReadAllText(path).Should().Be("{\"a\":1}");
        OwnerOf(path).Should().Be($"{Nobody}:{Nobody}");
        File.GetUnixFileMode(path).Should().Be(OwnerReadWriteGroupRead);
    }

    [Test]
    public void Pre_push_and_post_push_as_root_leave_a_users_templates_that_users()
    {
        RequireRoot();
        using var project = TempProject.FromFixture("multi-env");
        Chown($"-R {Nobody}:{Nobody}", project.Root);
        File.SetUnixFileMode(project.PathOf(FnA), OwnerReadWriteGroupRead);

        Hook(project, "pre-push").ExitCode.Should().Be(0);
        project.Read(FnA).Should().Contain(DevArn);
        OwnerOf(project.PathOf(FnA)).Should().Be($"{Nobody}:{Nobody}");
        OwnerOf(project.PathOf(FnB)).Should().Be($"{Nobody}:{Nobody}");
        Hook(project, "post-push").ExitCode.Should().Be(0);

        project.Read(FnA).Should().NotContain(DevArn);
        OwnerOf(project.PathOf(FnA)).Should().Be($"{Nobody}:{Nobody}");
        File.GetUnixFileMode(project.PathOf(FnA)).Should().Be(OwnerReadWriteGroupRead);
        OwnerOf(project.PathOf(FnB)).Should().Be($"{Nobody}:{Nobody}");
    }

    [Test]
    public void The_files_a_run_as_root_makes_in_a_users_project_are_that_users()
    {
        RequireRoot();
        using var project = TempProject.FromFixture("multi-env");
        Chown($"-R {Nobody}:{Nobody}", project.Root);

        Hook(project, "pre-push").ExitCode.Should().Be(0);

        foreach (var made in new[] { "amplify/.boundary", "amplify/.boundary/lock", "amplify/.boundary/.gitignore", Journal })
            OwnerOf(project.PathOf(made)).Should().Be($"{Nobody}:{Nobody}", made);
        Hook(project, "post-push").ExitCode.Should().Be(0);
    }

    [Test]
    public void A_report_and_the_folders_made_for_it_belong_to_the_projects_user()
    {
        RequireRoot();
        using var project = TempProject.FromFixture("multi-env");
        Chown($"-R {Nobody}:{Nobody}", project.Root);

        CliRunner.Run(project.Root, "", null, ["verify", "--output", "rep/a/b.txt"]).ExitCode.Should().BeOneOf(0, 1);

        foreach (var made in new[] { "rep", "rep/a", "rep/a/b.txt" })
            OwnerOf(project.PathOf(made)).Should().Be($"{Nobody}:{Nobody}", made);
    }

    [Test]
    public void A_file_opened_to_write_is_refused_through_a_link_anywhere_on_its_path()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("openat2 and O_NOFOLLOW: Linux only.");
        using var temp = new TempFolder("boundary-nolinks-");
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        File.CreateSymbolicLink(Path.Combine(folder, "link"), "real");
        File.CreateSymbolicLink(Path.Combine(folder, "real", "lock"), "elsewhere");

        var throughFolder = () => NativeFiles.OpenToWrite(Path.Combine(folder, "link", "journal"), FileMode.Create).Dispose();
        var atTheEnd = () => NativeFiles.OpenToWrite(Path.Combine(folder, "real", "lock"), FileMode.OpenOrCreate, read: true).Dispose();

        throughFolder.Should().Throw<BoundaryException>().WithMessage("*a link is on the way to it now*");
        atTheEnd.Should().Throw<BoundaryException>().WithMessage("*a link is on the way to it now*");
        File.Exists(Path.Combine(folder, "real", "journal")).Should().BeFalse();
        File.Exists(Path.Combine(folder, "real", "elsewhere")).Should().BeFalse();
    }

    [TestCase(false)]
    [TestCase(true)] // a hook script, made executable
    public void A_temp_file_swapped_for_a_link_while_it_is_written_does_not_carry_the_mode_to_the_links_target(bool executable)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Unix file modes and links: Linux only.");
        using var temp = new TempFolder("boundary-swap-");
        var folder = temp.Path;
        using var outsideTemp = new TempFolder("boundary-outside-");
        var outside = outsideTemp.Path;
        var path = Path.Combine(folder, "template.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, OwnerReadWriteGroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var canary = Path.Combine(outside, "canary");
        File.WriteAllText(canary, "secret");
        File.SetUnixFileMode(canary, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // While the temp file is open: its name moved away, a link to the canary in its place.
        using (AtomicFile.Prepare(folder, path, stream =>
        {
            var staged = Directory.GetFiles(folder, ".template.json.*.tmp").Single();
            File.Move(staged, staged + ".moved");
            File.CreateSymbolicLink(staged, canary);
            stream.Write("{\"a\":1}"u8);
        }, executable: executable))
        {
        }

        File.GetUnixFileMode(canary).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(canary).Should().Be("secret");
    }

    [Test]
    public void Set_id_bits_are_never_copied_and_a_target_swapped_for_a_link_lends_neither_owner_nor_mode()
    {
        RequireRoot();
        using var temp = new TempFolder("boundary-suid-");
        var folder = temp.Path;
        using var outsideTemp = new TempFolder("boundary-suid-outside-");
        var outside = outsideTemp.Path;
        Chown($"{Nobody}:{Nobody}", folder);
        var plain = Path.Combine(folder, "plain.json");
        File.WriteAllText(plain, "{}");
        File.SetUnixFileMode(plain, (UnixFileMode)0x9ED); // 4755
        AtomicFile.Write(folder, plain, "{\"a\":1}"u8.ToArray());
        File.GetUnixFileMode(plain).Should().Be((UnixFileMode)0x1ED, "0755: set-user-id is dropped");

        var program = Path.Combine(outside, "program");
        File.WriteAllText(program, "root's");
        File.SetUnixFileMode(program, (UnixFileMode)0x9ED);
        var swapped = Path.Combine(folder, "swapped.json");
        File.WriteAllText(swapped, "{}");
        Chown($"{Nobody}:{Nobody}", swapped);
        AtomicFile.Write(folder, swapped, stream =>
        {
            File.Delete(swapped);
            File.CreateSymbolicLink(swapped, program);
            stream.Write("{\"a\":1}"u8);
        });

        File.ReadAllText(swapped).Should().Be("{\"a\":1}");
        (File.GetUnixFileMode(swapped) & (UnixFileMode.SetUser | UnixFileMode.SetGroup)).Should().Be((UnixFileMode)0);
        OwnerOf(swapped).Should().Be($"{Nobody}:{Nobody}", "a new file's owner is its folder's, not the link target's");
        File.ReadAllText(program).Should().Be("root's");
    }

    [Test]
    public void A_journal_found_as_a_hard_link_to_another_file_is_replaced_never_truncated()
    {
        RequireRoot();
        using var project = TempProject.FromFixture("multi-env");
        var victim = Path.Combine(Path.GetDirectoryName(project.Root)!, "victim-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(victim, "root's");
        try
        {
            var path = project.PathOf(Journal);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var journal = PushJournal.Begin(project.Root, path, new JournalHeader("transient", "dev", null, DateTimeOffset.UnixEpoch, false, null));
            Run("ln", $"\"{victim}\" \"{path}\"");

            journal.Append(index => new JournalEntry(index, "amplify/backend/a.json", new string('0', 32), new string('1', 32), [], [], [], null)).Should().Be(0);
            journal.Ready();

            File.ReadAllText(victim).Should().Be("root's");
            File.ReadAllText(path).Should().Contain("boundaryJournal");
        }
        finally
        {
            File.Delete(victim);
        }
    }

    [Test]
    public void A_folder_is_not_made_through_a_link_on_the_way()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("openat2: Linux only.");
        using var temp = new TempFolder("boundary-mkdir-");
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        File.CreateSymbolicLink(Path.Combine(folder, "link"), "real");

        var making = () => Folders.Create(Path.Combine(folder, "link", "new"));

        // Refused as a link on the way, or as no folder there (O_DIRECTORY with O_NOFOLLOW): either way, nothing made.
        making.Should().Throw<Exception>().Where(e => e is BoundaryException || e is IOException);
        Directory.Exists(Path.Combine(folder, "real", "new")).Should().BeFalse();
    }

    private static void Chown(string owner, string path) => Run("chown", $"{owner} \"{path}\"");

    private static string OwnerOf(string path) => Run("stat", $"-c %u:%g \"{path}\"").Trim();

    private static string Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{command} {arguments}");
        return output;
    }
}
