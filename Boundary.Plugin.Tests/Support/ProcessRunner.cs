using System.Diagnostics;

namespace Boundary.Tests.Support;

/// <summary>Runs a process to the end with its output captured, killing it (and its children) after a timeout.</summary>
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
        try
        {
            if (stdin is not null)
                process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process ended (an early error) without reading its input: its exit code and output tell.
        }
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}.");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
