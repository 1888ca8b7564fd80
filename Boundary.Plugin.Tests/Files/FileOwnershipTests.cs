using Boundary.Core;
using System.Diagnostics;
using Boundary.Files;
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
        var folder = Directory.CreateTempSubdirectory("boundary-owner-").FullName;
        try
        {
            var path = Path.Combine(folder, "template.json");
            File.WriteAllText(path, "{}");
            Chown($"{Nobody}:{Nobody}", path);
            File.SetUnixFileMode(path, OwnerReadWriteGroupRead);

            AtomicFile.Write(folder, path, stream => stream.Write("{\"a\":1}"u8));

            File.ReadAllText(path).Should().Be("{\"a\":1}");
            OwnerOf(path).Should().Be($"{Nobody}:{Nobody}");
            File.GetUnixFileMode(path).Should().Be(OwnerReadWriteGroupRead);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
        var folder = Directory.CreateTempSubdirectory("boundary-nolinks-").FullName;
        try
        {
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
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(false)]
    [TestCase(true)] // a hook script, made executable
    public void A_temp_file_swapped_for_a_link_while_it_is_written_does_not_carry_the_mode_to_the_links_target(bool executable)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Unix file modes and links: Linux only.");
        var folder = Directory.CreateTempSubdirectory("boundary-swap-").FullName;
        var outside = Directory.CreateTempSubdirectory("boundary-outside-").FullName;
        try
        {
            var path = Path.Combine(folder, "template.json");
            File.WriteAllText(path, "{}");
            File.SetUnixFileMode(path, OwnerReadWriteGroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            var canary = Path.Combine(outside, "canary");
            File.WriteAllText(canary, "secret");
            File.SetUnixFileMode(canary, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            // While the temp file is open: its name moved away, a link to the canary in its place.
            using (AtomicFile.Prepare(folder, path, stream =>
            {
                var temp = Directory.GetFiles(folder, ".template.json.*.tmp").Single();
                File.Move(temp, temp + ".moved");
                File.CreateSymbolicLink(temp, canary);
                stream.Write("{\"a\":1}"u8);
            }, executable: executable))
            {
            }

            File.GetUnixFileMode(canary).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.ReadAllText(canary).Should().Be("secret");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
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
