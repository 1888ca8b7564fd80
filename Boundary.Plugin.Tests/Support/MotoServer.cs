using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Boundary.Aws;

namespace Boundary.Tests.Support;

/// <summary>
/// A real IAM/STS/CloudFormation emulator: <c>moto_server -H 127.0.0.1 -p &lt;free port&gt;</c> (or
/// <c>python3 -m moto.server</c>), started on first use and stopped at the end of the run
/// (<see cref="Shared"/>), or one per fixture with its own environment (<see cref="Start"/>). A small
/// python watchdog stops moto if the test process dies without cleaning up.
/// When moto is not installed, <see cref="Shared"/> and <see cref="Start"/> skip the test with the reason
/// (Assert.Ignore); with BOUNDARY_REQUIRE_MOTO=1 they fail it instead.
/// Tests share the emulator's state: give every policy, role and stack a <see cref="UniqueName"/>.
/// </summary>
public sealed class MotoServer : IDisposable
{
    /// <summary>moto's default account: what <see cref="AccessKey"/> acts in.</summary>
    public const string Account = "123456789012";

    public const string AccessKey = "testing";
    public const string SecretKey = "testing";
    public const string Region = "us-east-1";

    private static readonly object Gate = new();
    private static MotoServer? shared;
    private static string? unavailable;
    private readonly Process process;

    private MotoServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The endpoint for every service, e.g. http://127.0.0.1:40123 (use as AWS_ENDPOINT_URL).</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The keys of moto's default account.</summary>
    public static AWSCredentials DefaultCredentials => new BasicAWSCredentials(AccessKey, SecretKey);

    /// <summary>
    /// One emulator for the whole run, started on first use (skips or fails the test when moto is missing).
    /// Only a [NonParallelizable] fixture may use it (derive from <see cref="MotoTestBase"/>): its state is the
    /// whole run's, and account-wide calls (audit's GetAccountAuthorizationDetails) see what other fixtures left.
    /// </summary>
    public static MotoServer Shared
    {
        get
        {
            RequireNonParallelizableFixture();
            lock (Gate)
            {
                if (shared is not null)
                    return shared;
                shared = Start();
                return shared;
            }
        }
    }

    private static void RequireNonParallelizableFixture()
    {
        var name = TestContext.CurrentContext.Test.ClassName;
        var fixture = name is null ? null : typeof(MotoServer).Assembly.GetType(name);
        if (fixture is not null && !fixture.IsDefined(typeof(NonParallelizableAttribute), inherit: true))
            throw new InvalidOperationException($"{fixture.Name} uses the shared moto but runs beside other fixtures: derive it from MotoTestBase (or mark it [NonParallelizable]), or start an emulator of its own with MotoServer.Start().");
    }

    /// <summary>Stops the shared emulator (called once at the end of the run by <see cref="TestRun"/>).</summary>
    public static void StopShared()
    {
        lock (Gate)
        {
            shared?.Dispose();
            shared = null;
        }
    }

    /// <summary>A private emulator with extra environment variables (e.g. INITIAL_NO_AUTH_ACTION_COUNT); dispose it.</summary>
    public static MotoServer Start(IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = FindCommand();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = LocalServices.FreePort();
            // Under the watchdog (python3 is there: moto is a Python package), so that a dying test run
            // does not leave moto listening.
            var start = LocalServices.Watched([.. command, "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
                start.Environment[key] = value;
            var process = Process.Start(start)!;
            var log = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new MotoServer(process, port);
            if (server.WaitUntilReady(TimeSpan.FromSeconds(40)))
                return server;
            server.Dispose();
            lock (log)
                last = new InvalidOperationException($"moto did not answer on port {port}:\n{log}");
        }
        throw last!;
    }

    /// <summary>A name no other test uses (moto's state is shared by the run).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public AwsQueryClient Query(AwsServiceInfo service, AWSCredentials? credentials = null) =>
        new(AwsServiceEndpoint.Resolve(service, Region, Url, _ => null), credentials ?? DefaultCredentials, AwsQueryClient.DefaultHttp);

    /// <summary>Our own IAM client against this emulator (default: moto's default account).</summary>
    public IamClient Iam(AWSCredentials? credentials = null) => new(Query(AwsServiceInfo.Iam, credentials));

    /// <summary>Creates a customer-managed policy and returns its ARN.</summary>
    public string CreatePolicy(string name, AWSCredentials? credentials = null, string? path = null) =>
        Iam(credentials).CreatePolicyAsync(name, AllowAllDocument, path).GetAwaiter().GetResult().Arn;

    public const string AllowAllDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    /// <summary>
    /// Credentials acting in another account: moto's sts:AssumeRole into
    /// <c>arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;</c> gives them without the role existing.
    /// </summary>
    public SessionAWSCredentials AssumeRole(string account, string roleName = "x")
    {
        var result = Query(AwsServiceInfo.Sts).InvokeAsync("AssumeRole", new QueryParameters()
            .Add("RoleArn", $"arn:aws:iam::{account}:role/{roleName}")
            .Add("RoleSessionName", "boundary-tests")).GetAwaiter().GetResult();
        var credentials = result.Child("Credentials")!;
        return new SessionAWSCredentials(credentials.RequiredText("AccessKeyId"), credentials.RequiredText("SecretAccessKey"), credentials.RequiredText("SessionToken"));
    }

    // The dashboard does not count as an action (INITIAL_NO_AUTH_ACTION_COUNT stays intact).
    private bool WaitUntilReady(TimeSpan timeout) => LocalServices.WaitForHttp($"{Url}/moto-api/", process, timeout);

    private static string[] FindCommand()
    {
        lock (Gate)
        {
            if (unavailable is null)
            {
                var python = OnPath("python3");
                var motoServer = OnPath("moto_server");
                string[]? target = motoServer is not null ? [motoServer]
                    : python is not null && Succeeds(python, "-c", "import moto.server") ? [python, "-m", "moto.server"]
                    : null;
                if (target is null)
                {
                    unavailable = "moto_server is not installed (neither 'moto_server' on PATH nor the python3 module moto.server); install it with 'pip install \"moto[server]\"'.";
                }
                else
                {
                    unavailable = "";
                    Command = target;
                }
            }
            if (unavailable.Length > 0)
            {
                TestContext.Progress.WriteLine($"Skipping: {unavailable}");
                if (Environment.GetEnvironmentVariable("BOUNDARY_REQUIRE_MOTO") == "1")
                    Assert.Fail($"BOUNDARY_REQUIRE_MOTO=1 but {unavailable}");
                Assert.Ignore(unavailable);
            }
            return Command!;
        }
    }

    private static string[]? Command { get; set; }


    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0)
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists);

    private static bool Succeeds(string file, params string[] args)
    {
        try
        {
            var result = ProcessRunner.Run(new ProcessStartInfo(file, args), null, TimeSpan.FromSeconds(60));
            return result.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
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
        process.Dispose();
    }
}
