using System.Diagnostics;
using System.Text;
using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A project under attack and, beside it, a folder that stands for the rest of the disk: the attacks
/// aim at files planted there, and every test checks that nothing there changed (same files, same
/// bytes, no temp file). Runs the packed tool as a subprocess.
/// </summary>
public sealed class AttackSite : IDisposable
{
    public const string VictimText = "# a dotfile outside the project\nexport PATH=$PATH\n";

    private AttackSite(TempProject project)
    {
        Project = project;
        Outside = project.Root + "-outside";
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Victim, VictimText);
    }

    public TempProject Project { get; }

    /// <summary>A sibling of the project: stands for everything outside it.</summary>
    public string Outside { get; }

    /// <summary>A file outside the project that attacks try to overwrite.</summary>
    public string Victim => Path.Combine(Outside, "victim.txt");

    public static AttackSite FromFixture(string name = "multi-env") => new(TempProject.FromFixture(name));

    public static AttackSite Minimal() => new(TempProject.Minimal());

    /// <summary>Every regular file below the project and the outside folder, with its bytes (the state folder's lock and .gitignore aside).</summary>
    public Dictionary<string, byte[]> Snapshot()
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var folder in new[] { Project.Root, Outside })
            foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                // The state folder's lock and .gitignore come with any run; the journal is compared like any file.
                if (file.EndsWith("/amplify/.boundary/lock", StringComparison.Ordinal) || file.EndsWith("/amplify/.boundary/.gitignore", StringComparison.Ordinal) || !IsRegular(file))
                    continue;
                files[file] = File.ReadAllBytes(file);
            }
        return files;
    }

    /// <summary>Asserts that every file is where and as it was (byte for byte) and no file appeared.</summary>
    public void ShouldBeUnchanged(Dictionary<string, byte[]> before)
    {
        var after = Snapshot();
        after.Keys.Should().BeEquivalentTo(before.Keys, "no file may appear or disappear");
        foreach (var (path, bytes) in before)
            after[path].Should().Equal(bytes, $"{path} must be byte-identical");
    }

    /// <summary>Asserts that the outside folder holds exactly what it held (same names, same bytes).</summary>
    public void OutsideShouldBeUnchanged(Dictionary<string, byte[]> before)
    {
        var outsideBefore = before.Where(p => p.Key.StartsWith(Outside + "/", StringComparison.Ordinal)).ToDictionary();
        var outsideAfter = Directory.EnumerateFileSystemEntries(Outside, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(IsRegular).ToDictionary(f => f, File.ReadAllBytes);
        outsideAfter.Keys.Should().BeEquivalentTo(outsideBefore.Keys, "nothing may be written outside the project");
        foreach (var (path, bytes) in outsideBefore)
            outsideAfter[path].Should().Equal(bytes, $"{path} (outside the project) must be byte-identical");
    }

    public CliResult Run(params string[] args) => RunWith(null, args);

    public CliResult RunWith(string? stdin, params string[] args)
    {
        var result = PackedTool.Run(Project.Root, args, stdin, environment: QuietEnvironment(), timeout: TimeSpan.FromSeconds(60));
        ShouldHaveNoTrace(result);
        return result;
    }

    /// <summary>No AWS call can leave the machine, no profile of the user's is read.</summary>
    public static Dictionary<string, string?> QuietEnvironment() => new()
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_CONFIG_FILE"] = "/nonexistent/boundary-tests/config",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/boundary-tests/credentials",
        ["BOUNDARY_LOCK_TIMEOUT_SECONDS"] = "5",
    };

    public static void ShouldHaveNoTrace(CliResult result)
    {
        var all = result.StdOut + result.StdErr;
        all.Should().NotMatchRegex(@"(?m)^\s+at \S+", $"no stack trace may be printed:\n{result}");
        all.Should().NotContain("Unhandled exception", result.ToString());
        result.ExitCode.Should().BeOneOf([0, 1, 2, 3, 4], $"a documented exit code, not a crash:\n{result}");
    }

    /// <summary>A file's hash as a journal of the current format names it (XXH128).</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes));

    public static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>A regular file, not reached through a link (FIFOs and devices planted by the attacks are not read).</summary>
    public static bool IsRegular(string path) => Boundary.Files.RegularFile.KindOf(path, followLinks: false) == Boundary.Files.FileKind.Regular;

    public static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        mkfifo.ExitCode.Should().Be(0);
    }

    public void Dispose()
    {
        Project.Dispose();
        try
        {
            Directory.Delete(Outside, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
