using System.Diagnostics;
using Boundary.Tests.Support;

namespace Boundary.Tests.Audit;

/// <summary>
/// Ctrl+C (SIGINT) sent to the packed tool while an audit waits on AWS: the call in flight is cancelled
/// and the run ends at once with exit 130 and one line, rather than waiting out the call's timeout.
/// </summary>
[Category("EndToEnd")]
public class AuditCancellationTests : MotoTestBase
{
    private const string CancelledLine = "error: cancelled (Ctrl+C); nothing further was changed.";

    [Test]
    public void Ctrl_C_during_an_audit_ends_it_promptly_with_exit_130_and_one_line()
    {
        var env = AuditMotoTests.DeployEnv(Moto);
        using var project = TempProject.Minimal(AuditMotoTests.TeamProviderInfo(env));
        using var proxy = new StallingProxy(Moto.Port);
        var environment = Profiles.Environment(proxy.Url);
        environment["AWS_PROFILE"] = "main";

        using var tool = Start(project.Root, ["audit"], environment);
        var stdout = tool.StandardOutput.ReadToEndAsync();
        var stderr = tool.StandardError.ReadToEndAsync();
        try
        {
            proxy.Held.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("the audit should get moto's first answer and then wait on the next call");
            tool.HasExited.Should().BeFalse("the audit waits on a call nobody answers");

            var clock = Stopwatch.StartNew();
            Interrupt(tool);
            // The call it waits on would time out only after a minute per attempt: ending well within this bound means it was cancelled.
            tool.WaitForExit(TimeSpan.FromSeconds(20)).Should().BeTrue("Ctrl+C should cancel the call in flight");
            TestContext.Progress.WriteLine($"audit ended {clock.Elapsed.TotalSeconds:0.0} s after SIGINT");
        }
        finally
        {
            if (!tool.HasExited)
                tool.Kill(entireProcessTree: true);
        }

        tool.WaitForExit();
        var error = stderr.Result;
        tool.ExitCode.Should().Be(130, error);
        error.TrimEnd('\n').Should().Be(CancelledLine, "one line, no stack trace");
        stdout.Result.Should().BeEmpty("no report of a half-done audit");
    }

    private static Process Start(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var process = Process.Start(PackedTool.StartInfo(workingDirectory, args, environment, bareEnvironment: true))!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>What Ctrl+C in a terminal sends: SIGINT.</summary>
    private static void Interrupt(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        kill.ExitCode.Should().Be(0, "kill -INT should reach the tool");
    }
}
