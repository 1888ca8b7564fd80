using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Boundary.Tests.Support;

/// <summary>
/// What the suites need to run servers of their own on loopback (moto, the Amplify stub): a free port,
/// a child process that stops when the test process dies, and a wait until it answers.
/// </summary>
public static class LocalServices
{
    /// <summary>scripts/while-parent.py: runs a command and stops it when the given parent process is gone.</summary>
    public static string WatchdogScript => Path.Combine(TestContext.CurrentContext.TestDirectory, "Support", "scripts", "while-parent.py");

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A start for <paramref name="command"/> under the watchdog, so that a test run that dies without
    /// cleaning up leaves nothing listening. Output and input are redirected; the caller starts it.
    /// </summary>
    public static ProcessStartInfo Watched(IEnumerable<string> command, bool redirectStderr = true)
    {
        var start = new ProcessStartInfo("python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = redirectStderr,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(WatchdogScript);
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        foreach (var part in command)
            start.ArgumentList.Add(part);
        return start;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, the process exits, or the time is up.</summary>
    public static bool WaitForHttp(string url, Process process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = http.GetAsync(url).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Thread.Sleep(200);
        }
        return false;
    }
}
