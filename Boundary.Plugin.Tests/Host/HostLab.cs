using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Boundary.Tests.Support;

namespace Boundary.Tests.Host;

/// <summary>
/// One lab for one test fixture: a moto server (IAM, STS, CloudFormation, S3 on loopback), the Amplify
/// service stub (scripts/amplify-stub.py: 200 and {"apps": []} for every request, so that pushes
/// finish), and a temp HOME whose AWS profile 'default' holds AWS's documented example keys. Every host,
/// aws-cli and tool run gets <see cref="Environment"/>: the endpoints, the switches that keep the host off
/// the network (no usage data, no update check, no Amplify app creation) and the packed tool first on PATH.
/// Dispose stops what it started (by process, never by name) and deletes the temp folder.
/// </summary>
public sealed class HostLab : IDisposable
{
    public const string Account = "123456789012";
    public const string OtherAccount = "111111111111";
    public const string Region = "us-east-1";

    // AWS's documented example keys: moto accepts any keys and maps these to its default account.
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private readonly List<Process> processes = [];
    private readonly List<IDisposable> logs = [];
    private readonly Dictionary<string, string?> environment = [];

    private HostLab(string amplifyBin)
    {
        AmplifyBin = amplifyBin;
        Root = Path.Combine(Path.GetTempPath(), "boundary-host-" + Guid.NewGuid().ToString("N")[..8]);
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Path.Combine(Home, ".aws"));
        File.WriteAllText(Path.Combine(Home, ".aws", "credentials"), $"[default]\naws_access_key_id = {AccessKey}\naws_secret_access_key = {SecretKey}\n");
        File.WriteAllText(Path.Combine(Home, ".aws", "config"), $"[default]\nregion = {Region}\n");
    }

    public string AmplifyBin { get; }

    /// <summary>The lab's temp folder: home/, the projects, moto.log, stub-requests.log.</summary>
    public string Root { get; }

    public string Home { get; }

    public string MotoUrl { get; private set; } = "";

    public string StubUrl { get; private set; } = "";

    /// <summary>The folder of the packed and installed dotnet-boundary, first on the PATH of every run.</summary>
    public string ToolDir { get; } = Path.GetDirectoryName(PackedTool.Path)!;

    /// <summary>What every run adds to (or, null, removes from) the test process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment => environment;

    /// <summary>Starts the lab, or skips/fails the fixture when the host cannot run (see <see cref="AmplifyHost.Require"/>).</summary>
    public static HostLab Start()
    {
        var lab = new HostLab(AmplifyHost.Require());
        try
        {
            lab.StartMoto();
            lab.StartStub();
            lab.BuildEnvironment();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void BuildEnvironment()
    {
        environment["HOME"] = Home;
        environment["AWS_ENDPOINT_URL"] = MotoUrl;
        environment["AWS_ENDPOINT_URL_AMPLIFY"] = StubUrl;
        environment["AWS_REGION"] = Region;
        environment["AWS_DEFAULT_REGION"] = Region;
        foreach (var (key, value) in HostSwitches)
            environment[key] = value;
        environment["NODE_NO_WARNINGS"] = "1";
        environment["NO_PROXY"] = environment["no_proxy"] = "127.0.0.1,localhost";
        environment["PATH"] = ToolDir + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        foreach (var name in new[]
                 {
                     "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE",
                     "AWS_SHARED_CREDENTIALS_FILE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
                     "AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES", "BOUNDARY_HOOK_TOOL",
                 })
            environment[name] = null;
    }

    /// <summary>What the host itself needs besides PATH, HOME and the endpoints: no Amplify app, no usage data, no update check, plain text.</summary>
    public static readonly IReadOnlyDictionary<string, string> HostSwitches = new Dictionary<string, string>
    {
        ["CLI_DEV_INTERNAL_DISABLE_AMPLIFY_APP_CREATION"] = "1",
        ["AMPLIFY_CLI_ENABLE_USAGE_DATA"] = "false",
        ["NO_UPDATE_NOTIFIER"] = "1",
        ["NO_COLOR"] = "1",
        ["FORCE_COLOR"] = "0",
    };

    public HostProject NewProject() => new(this, Path.Combine(Root, "p" + Guid.NewGuid().ToString("N")[..6]));

    /// <summary>Runs the host ('amplify ...') in <paramref name="workingDirectory"/> with the lab's environment.</summary>
    public CliResult Amplify(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(AmplifyBin) { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Apply(start);
        return Timed("amplify", args, () => ProcessRunner.Run(start, null, TimeSpan.FromMinutes(4)));
    }

    /// <summary>
    /// Runs the host with nothing but what it needs itself (like 'env -i PATH=... HOME=...'): a PATH with
    /// node, dotnet and the tool, the temp HOME, the two endpoints and <see cref="HostSwitches"/>. The hooks
    /// it runs see no AWS_*, DOTNET_* or test-runner variable.
    /// </summary>
    public CliResult AmplifyBare(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(AmplifyBin) { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        var path = new[] { ToolDir, Dir("node"), Dir("dotnet"), "/usr/bin", "/bin" }.Where(d => d is not null).Distinct();
        start.Environment["PATH"] = string.Join(Path.PathSeparator, path);
        start.Environment["HOME"] = Home;
        start.Environment["AWS_ENDPOINT_URL"] = MotoUrl;
        start.Environment["AWS_ENDPOINT_URL_AMPLIFY"] = StubUrl;
        foreach (var (key, value) in HostSwitches)
            start.Environment[key] = value;
        return Timed("amplify (bare environment)", args, () => ProcessRunner.Run(start, null, TimeSpan.FromMinutes(4)));

        static string? Dir(string program) => AmplifyHost.OnPath(program) is { } found ? Path.GetDirectoryName(found) : null;
    }

    /// <summary>Runs the packed tool ('dotnet boundary ...') with the lab's environment.</summary>
    public CliResult Tool(string workingDirectory, params string[] args) =>
        Timed("dotnet-boundary", args, () => PackedTool.Run(workingDirectory, args, environment: environment, timeout: TimeSpan.FromMinutes(2)));

    /// <summary>Runs aws-cli v1 against moto with the lab's HOME (profile 'default' unless --profile is given).</summary>
    public CliResult Aws(params string[] args)
    {
        var start = new ProcessStartInfo("aws");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Apply(start);
        return ProcessRunner.Run(start, null, TimeSpan.FromMinutes(1));
    }

    /// <summary>The trimmed stdout of an aws-cli call that must succeed.</summary>
    public string AwsText(params string[] args)
    {
        var result = Aws([.. args, "--output", "text"]);
        result.ExitCode.Should().Be(0, $"aws {string.Join(' ', args)} failed: {result}");
        return result.StdOut.Trim();
    }

    /// <summary>Creates an allow-all managed policy in moto's default account and returns its ARN.</summary>
    public string CreatePolicy(string name) =>
        AwsText("iam", "create-policy", "--policy-name", name, "--policy-document", AllowAll, "--query", "Policy.Arn");

    /// <summary>The permissions boundary a role in moto carries (null for none), read with iam:GetRole.</summary>
    public string? RoleBoundary(string roleName, string? profile = null)
    {
        var text = AwsText([.. profile is null ? Array.Empty<string>() : ["--profile", profile], "iam", "get-role", "--role-name", roleName, "--query", "Role.PermissionsBoundary.PermissionsBoundaryArn"]);
        return text == "None" ? null : text;
    }

    public void DeleteRoleBoundary(string roleName) =>
        AwsText("iam", "delete-role-permissions-boundary", "--role-name", roleName);

    /// <summary>
    /// Adds profile <paramref name="profile"/> to the lab's HOME with credentials from sts:AssumeRole into
    /// arn:aws:iam::<paramref name="account"/>:role/x (the role need not exist in moto): they act in that account.
    /// </summary>
    public void AddAssumedRoleProfile(string profile, string account)
    {
        var keys = AwsText("sts", "assume-role", "--role-arn", $"arn:aws:iam::{account}:role/x", "--role-session-name", "boundary-e2e",
            "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]").Split('\t', StringSplitOptions.TrimEntries);
        File.AppendAllText(Path.Combine(Home, ".aws", "credentials"), $"[{profile}]\naws_access_key_id = {keys[0]}\naws_secret_access_key = {keys[1]}\naws_session_token = {keys[2]}\n");
        File.AppendAllText(Path.Combine(Home, ".aws", "config"), $"[profile {profile}]\nregion = {Region}\n");
    }

    private void Apply(ProcessStartInfo start)
    {
        foreach (var (key, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }
    }

    private static CliResult Timed(string what, IEnumerable<string> args, Func<CliResult> run)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = run();
        TestContext.Progress.WriteLine($"  {what} {string.Join(' ', args.Select(a => a.Length > 40 ? a[..37] + "..." : a))}: exit {result.ExitCode}, {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private void StartMoto()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = LocalServices.FreePort();
            var log = new StreamWriter(Path.Combine(Root, $"moto-{port}.log")) { AutoFlush = true };
            logs.Add(log);
            var process = StartWatched(["moto_server", "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)]);
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            MotoUrl = $"http://127.0.0.1:{port}";
            if (LocalServices.WaitForHttp($"{MotoUrl}/moto-api/", process, TimeSpan.FromSeconds(40)))
                return;
            Stop(process);
            last = new InvalidOperationException($"moto did not answer on port {port}; see {Root}/moto-{port}.log");
        }
        throw last!;

        static void Append(StreamWriter log, string? line)
        {
            if (line is null)
                return;
            lock (log)
                log.WriteLine(line);
        }
    }

    private void StartStub()
    {
        var process = StartWatched(["python3", Path.Combine(AmplifyHost.ScriptsDir, "amplify-stub.py"), "0", Path.Combine(Root, "stub-requests.log")], redirectStderr: false);
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result is not { } line || !line.StartsWith("listening on 127.0.0.1:", StringComparison.Ordinal))
            throw new InvalidOperationException("The Amplify stub did not start (no 'listening on' line).");
        StubUrl = "http://" + line["listening on ".Length..].Trim();
    }

    private Process StartWatched(string[] command, bool redirectStderr = true)
    {
        var process = Process.Start(LocalServices.Watched(command, redirectStderr))!;
        processes.Add(process);
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            Stop(process);
            process.Dispose();
        }
        processes.Clear();
        foreach (var log in logs)
        {
            lock (log)
                log.Dispose();
        }
        logs.Clear();
        if (System.Environment.GetEnvironmentVariable("BOUNDARY_HOST_KEEP") == "1")
        {
            TestContext.Progress.WriteLine($"BOUNDARY_HOST_KEEP=1: lab kept in {Root}");
            return;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>For messages: the lab's logs.</summary>
    public override string ToString() => new StringBuilder().Append("lab ").Append(Root).Append(" moto ").Append(MotoUrl).Append(" stub ").Append(StubUrl).ToString();
}
