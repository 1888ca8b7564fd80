using System.Diagnostics;
using Boundary.Tests.Support;

namespace Boundary.Tests.Host;

/// <summary>
/// The real Amplify CLI (Gen1) host, npm package @aws-amplify/cli-internal at <see cref="Version"/>,
/// installed by scripts/install-host.sh into a cache folder outside the repository (reused by every
/// run; BOUNDARY_HOST_CACHE overrides it). The Host tests run when BOUNDARY_E2E_HOST=1 is set (then
/// installing it, once per run, and any missing prerequisite are failures) or when the cached host is
/// already there; otherwise each test is skipped with a reason that says how to run it.
/// </summary>
public static class AmplifyHost
{
    public const string Version = "14.2.2";

    public const string RequestVariable = "BOUNDARY_E2E_HOST";

    public const string CacheVariable = "BOUNDARY_HOST_CACHE";

    private static readonly Lazy<(string? Bin, string? Problem)> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Requested => Environment.GetEnvironmentVariable(RequestVariable) == "1";

    public static string CacheDir
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(CacheVariable);
            return string.IsNullOrEmpty(fromEnvironment)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "boundary", "amplify-host")
                : Path.GetFullPath(fromEnvironment);
        }
    }

    public static string Bin => Path.Combine(CacheDir, "node_modules", ".bin", "amplify");

    public static string ScriptsDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "Host", "scripts");

    private static string HowToRun =>
        $"Run them with '{RequestVariable}=1 dotnet test --filter TestCategory=Host' (installs the Amplify CLI {Version} with npm into {CacheDir} once, " +
        $"about 1.4 GB and 1-2 minutes; {CacheVariable} picks another folder), or install it first with Boundary.Plugin.Tests/Host/scripts/install-host.sh.";

    /// <summary>The path of the host's 'amplify' binary; skips (or, when requested, fails) the calling test or fixture when it cannot run.</summary>
    public static string Require()
    {
        if (!Requested && !File.Exists(Bin))
            Assert.Ignore($"Host tests skipped: no Amplify CLI host in {CacheDir} and {RequestVariable} is not 1. {HowToRun}");
        var (bin, problem) = Installed.Value;
        if (problem is null)
            return bin!;
        if (Requested)
            Assert.Fail($"{RequestVariable}=1 but the host cannot run: {problem}");
        Assert.Ignore($"Host tests skipped: {problem} {HowToRun}");
        return null!;
    }

    private static (string? Bin, string? Problem) Install()
    {
        var missing = new[] { "node", "python3", "aws", "bash" }.Where(p => OnPath(p) is null).ToList();
        if (OnPath("moto_server") is null)
            missing.Add("moto_server (pip install \"moto[server]\")");
        if (Requested && OnPath("npm") is null)
            missing.Add("npm");
        if (missing.Count > 0)
            return (null, $"missing on PATH: {string.Join(", ", missing)}.");

        if (!Requested)
        {
            // Present but not requested: use it as it is, never start a download nobody asked for.
            var version = Run(new ProcessStartInfo(Bin, ["--version"]), TimeSpan.FromMinutes(1));
            return version.ExitCode == 0 && version.StdOut.Split('\n').Any(l => l.Trim() == Version)
                ? (Bin, null)
                : (null, $"'{Bin} --version' did not print {Version} ({version.StdOut.Trim()} {version.StdErr.Trim()}).");
        }

        var stopwatch = Stopwatch.StartNew();
        var install = Run(new ProcessStartInfo("bash", [Path.Combine(ScriptsDir, "install-host.sh"), CacheDir]), TimeSpan.FromMinutes(20));
        TestContext.Progress.WriteLine($"install-host.sh: exit {install.ExitCode} in {stopwatch.Elapsed.TotalSeconds:0.0} s: {install.StdErr.Trim()}");
        return install.ExitCode == 0 && File.Exists(Bin)
            ? (Bin, null)
            : (null, $"install-host.sh failed (exit {install.ExitCode}):\n{install.StdErr}");
    }

    private static CliResult Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["AMPLIFY_CLI_ENABLE_USAGE_DATA"] = "false";
        start.Environment["NODE_NO_WARNINGS"] = "1";
        try
        {
            return ProcessRunner.Run(start, null, timeout);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return new CliResult(-1, "", e.Message);
        }
    }

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0)
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists);
}
