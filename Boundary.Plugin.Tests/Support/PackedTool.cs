using System.Diagnostics;

namespace Boundary.Tests.Support;

/// <summary>
/// The tool as users get it: packed with 'dotnet pack' and installed with 'dotnet tool install
/// --tool-path' into a temp folder, once per test run, then run as a subprocess.
/// Set BOUNDARY_TOOL_PATH to a folder that already holds an installed dotnet-boundary to reuse it.
/// </summary>
public static class PackedTool
{
    private static readonly Lazy<Feed> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Executable = new(() => InstallFromFeed("Boundary.Plugin", "tools"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> FrameworkDependentExecutable = new(() => InstallFromFeed("Boundary.Plugin.any", "tools-any"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the packages are, and the version they were packed with.</summary>
    private sealed record Feed(string Folder, string Work, string Version);

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

    /// <summary>
    /// Runs the installed tool. <paramref name="environment"/> replaces the whole environment when
    /// <paramref name="bareEnvironment"/> is set (like 'env -i PATH=...'), else adds to it.
    /// </summary>
    public static CliResult Run(string workingDirectory, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null, bool bareEnvironment = false, TimeSpan? timeout = null, string? executable = null)
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
        return ProcessRunner.Run(start, stdin, timeout ?? TimeSpan.FromMinutes(2));
    }

    private static string InstallFromFeed(string packageId, string folder)
    {
        var reuse = Environment.GetEnvironmentVariable("BOUNDARY_TOOL_PATH");
        if (!string.IsNullOrEmpty(reuse) && packageId == "Boundary.Plugin")
            return System.IO.Path.Combine(reuse, "dotnet-boundary");
        var feed = Packed.Value;
        var tools = System.IO.Path.Combine(feed.Work, folder);
        Checked(ProcessRunner.Run(new ProcessStartInfo("dotnet", ["tool", "install", packageId, "--version", feed.Version, "--add-source", feed.Folder, "--tool-path", tools]) { WorkingDirectory = feed.Work }, null, TimeSpan.FromMinutes(5)), $"dotnet tool install {packageId}");
        return System.IO.Path.Combine(tools, "dotnet-boundary");
    }

    private static Feed Pack()
    {
        var root = RepositoryRoot;
        var work = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "boundary-packed-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = System.IO.Path.Combine(work, "feed");
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        Checked(ProcessRunner.Run(new ProcessStartInfo("bash", [System.IO.Path.Combine(root, "eng", "pack-tool.sh"), feed, version]) { WorkingDirectory = root }, null, TimeSpan.FromMinutes(8)), "eng/pack-tool.sh");
        return new Feed(feed, work, version);
    }

    private static void Checked(CliResult result, string what)
    {
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed:\n{result}");
    }
}

public static class ProcessRunner
{
    public static CliResult Run(ProcessStartInfo start, string? stdin, TimeSpan timeout)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}.");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
