using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>What the hook commands share: the host's payload on stdin.</summary>
public abstract class HookCommandBase(IConsole console, RunContext context) : ProjectCommandBase(console, context)
{
    /// <summary>How long to wait for the host's payload before going on without it.</summary>
    private static readonly TimeSpan StdinWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The host's payload; empty when stdin is a terminal (a person running the hook by hand), empty,
    /// or not JSON (with a warning): the project and env then come from the working folder and
    /// local-env-info.
    /// </summary>
    protected HookPayload ReadPayload(List<string> warnings)
    {
        if (Context.StdinIsTerminal)
            return HookPayload.Empty;
        var read = Task.Run(() => Console.In.ReadToEnd());
        if (!read.Wait(StdinWait))
        {
            warnings.Add($"no hook payload arrived on stdin within {StdinWait.TotalSeconds:0} s; going on without it.");
            return HookPayload.Empty;
        }
        var payload = HookPayload.Parse(read.Result, out var problem);
        if (problem is not null)
            warnings.Add(problem + "; using the working folder and local-env-info instead.");
        return payload;
    }
}
