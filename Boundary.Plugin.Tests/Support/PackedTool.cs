using System.Diagnostics;

namespace Boundary.Tests.Support;

/// <summary>
/// The tool as users get it: packed with eng/pack-tool.sh and installed with 'dotnet tool install
/// --tool-path', then run as a subprocess.
/// The build (./build.sh --target=Test) packs once and hands the result over:
/// <list type="bullet">
/// <item>BOUNDARY_TOOL_PATH: a folder holding the installed dotnet-boundary (what 'dotnet tool install
/// Boundary.Plugin' gives on this machine);</item>
/// <item>BOUNDARY_TOOL_FEED and BOUNDARY_TOOL_VERSION: the folder with the packages and their version, for
/// tests that install a package themselves (the framework-dependent Boundary.Plugin.any, a local tool).</item>
/// </list>
/// Run outside the build (an IDE, a bare 'dotnet test'), what is missing is packed here once per test
/// run, into a temp folder that <see cref="DeleteTemporaryFiles"/> removes at the end of the run.
/// </summary>
public static class PackedTool
{
    public const string PathVariable = "BOUNDARY_TOOL_PATH";
    public const string FeedVariable = "BOUNDARY_TOOL_FEED";
    public const string VersionVariable = "BOUNDARY_TOOL_VERSION";

    private static readonly object Gate = new();
    private static readonly Lazy<string> Work = new(() => Directory.CreateTempSubdirectory("boundary-packed-").FullName, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ToolFeed> Packed = new(FeedFromBuildOrPack, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Executable = new(InstalledOrInstall, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> FrameworkDependentExecutable = new(() => InstallFromFeed("Boundary.Plugin.any", "tools-any"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Boundary.sln")))
                    return dir.FullName;
            throw new InvalidOperationException("Boundary.sln not found above the test folder.");
        }
    }

    /// <summary>What 'dotnet tool install Boundary.Plugin' gives on this machine (the native build on linux-x64).</summary>
    public static string Path => Executable.Value;

    /// <summary>The framework-dependent fallback package (Boundary.Plugin.any), which other platforms get.</summary>
    public static string FrameworkDependentPath => FrameworkDependentExecutable.Value;

    /// <summary>The packages (Boundary.Plugin, .any and the native one) and their version, for tests that install them.</summary>
    public static ToolFeed Feed => Packed.Value;

    /// <summary>
    /// Runs the installed tool. <paramref name="environment"/> replaces the whole environment when
    /// <paramref name="bareEnvironment"/> is set (like 'env -i PATH=...'), else adds to it.
    /// </summary>
    public static CliResult Run(string workingDirectory, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null, bool bareEnvironment = false, TimeSpan? timeout = null, string? executable = null) =>
        ProcessRunner.Run(StartInfo(workingDirectory, args, environment, bareEnvironment, executable), stdin, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>How <see cref="Run"/> starts the tool, for tests that drive the process themselves (signals, timing).</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null, bool bareEnvironment = false, string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        if (bareEnvironment)
        {
            var path = Environment.GetEnvironmentVariable("PATH");
            start.Environment.Clear();
            start.Environment["PATH"] = path;
            // A framework-dependent tool needs to find the runtime; the host's PATH has dotnet on it.
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Deletes what this run packed or installed in the temp folder (called once, at the end of the run).</summary>
    public static void DeleteTemporaryFiles()
    {
        lock (Gate)
        {
            if (!Work.IsValueCreated)
                return;
            try
            {
                Directory.Delete(Work.Value, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TestContext.Progress.WriteLine($"could not delete {Work.Value}: {e.Message}");
            }
        }
    }

    private static string InstalledOrInstall()
    {
        var installed = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(installed))
            return InstallFromFeed("Boundary.Plugin", "tools");
        var tool = System.IO.Path.Combine(installed, "dotnet-boundary");
        if (!File.Exists(tool))
            throw new InvalidOperationException($"{PathVariable}={installed}, but it holds no dotnet-boundary: install the tool there ('dotnet tool install Boundary.Plugin --tool-path {installed} ...') or unset it.");
        return tool;
    }

    private static string InstallFromFeed(string packageId, string folder)
    {
        var feed = Packed.Value;
        var tools = System.IO.Path.Combine(Work.Value, folder);
        Checked(ProcessRunner.Run(new ProcessStartInfo("dotnet", ["tool", "install", packageId, "--version", feed.Version, "--add-source", feed.Folder, "--tool-path", tools]) { WorkingDirectory = Work.Value }, null, TimeSpan.FromMinutes(5)), $"dotnet tool install {packageId}");
        return System.IO.Path.Combine(tools, "dotnet-boundary");
    }

    private static ToolFeed FeedFromBuildOrPack()
    {
        var folder = Environment.GetEnvironmentVariable(FeedVariable);
        var version = Environment.GetEnvironmentVariable(VersionVariable);
        if (!string.IsNullOrEmpty(folder) && !string.IsNullOrEmpty(version))
            return new ToolFeed(folder, version);
        // Outside the build: pack here, with a version no earlier run used (the NuGet cache would hand back a stale package).
        TestContext.Progress.WriteLine($"{FeedVariable}/{VersionVariable} not set: packing the tool for this run (./build.sh --target=Test packs it once and sets them).");
        var root = RepositoryRoot;
        var feed = System.IO.Path.Combine(Work.Value, "feed");
        var packedVersion = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Checked(ProcessRunner.Run(new ProcessStartInfo("bash", [System.IO.Path.Combine(root, "eng", "pack-tool.sh"), feed, packedVersion]) { WorkingDirectory = root }, null, TimeSpan.FromMinutes(8)), "eng/pack-tool.sh");
        return new ToolFeed(feed, packedVersion);
    }

    private static void Checked(CliResult result, string what)
    {
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed:\n{result}");
    }
}
