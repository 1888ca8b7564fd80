using System.Diagnostics;
using Boundary.Files;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Files;

/// <summary>
/// A replaced file is a new file: without care it belongs to whoever ran the tool. A run as root (a CI
/// container over a mounted checkout, sudo) keeps each file's owner, group and mode.
/// </summary>
[Category("Unit")]
public class FileOwnershipTests
{
    private const string Nobody = "65534";
    private const UnixFileMode OwnerReadWriteGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    [SetUp]
    public void RequireRoot()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Assert.Ignore("Giving a file to another user needs root; this run is not root.");
    }

    [Test]
    public void A_file_replaced_by_root_keeps_its_owner_group_and_mode()
    {
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
