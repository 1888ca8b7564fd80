using System.Runtime.ExceptionServices;
using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>What the hook commands share: the host's payload on stdin.</summary>
public abstract class HookCommandBase(IConsole console, RunContext context) : ProjectCommandBase(console, context)
{
    /// <summary>How long to wait for the host's payload before going on without it.</summary>
    private static readonly TimeSpan StdinWait = TimeSpan.FromSeconds(10);

    /// <summary>The most of stdin read: a real payload is a few kilobytes; an endless stream (/dev/zero) must not fill the memory.</summary>
    private const int MaxPayloadChars = 4 * 1024 * 1024;

    /// <summary>
    /// The host's payload; empty when stdin is a terminal (a person running the hook by hand), empty,
    /// or not JSON (with a warning): the project and env then come from the working folder and
    /// local-env-info.
    /// </summary>
    protected HookPayload ReadPayload(List<string> warnings)
    {
        if (Context.StdinIsTerminal)
            return HookPayload.Empty;
        var input = Console.In;
        // A thread of its own rather than the thread pool's: starting the pool (a worker and its gate
        // thread, which then spin) cost more than the rest of a small project's pre-push. A read that
        // never ends is left behind on this background thread.
        string? text = null;
        ExceptionDispatchInfo? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                text = ReadBounded(input);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = "stdin" };
        reader.Start();
        if (!reader.Join(StdinWait))
        {
            warnings.Add($"no hook payload arrived on stdin within {StdinWait.TotalSeconds:0} s; going on without it.");
            return HookPayload.Empty;
        }
        failure?.Throw();
        if (text is null)
        {
            warnings.Add($"the hook payload on stdin is larger than {MaxPayloadChars / (1024 * 1024)} MiB, far more than any host sends; ignored, using the working folder and local-env-info instead.");
            return HookPayload.Empty;
        }
        var payload = HookPayload.Parse(text, out var problem);
        if (problem is not null)
            warnings.Add(problem + "; using the working folder and local-env-info instead.");
        return payload;
    }

    /// <summary>All of <paramref name="input"/> up to <see cref="MaxPayloadChars"/>; null when there is more. A closed stdin ends at once: empty.</summary>
    private static string? ReadBounded(TextReader input)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[64 * 1024];
        int count;
        while ((count = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + count > MaxPayloadChars)
                return null;
            text.Append(buffer, 0, count);
        }
        return text.ToString();
    }
}
