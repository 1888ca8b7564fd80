using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>The command hooks the host runs around a push (amplify/hooks/pre-push.*, post-push.*).</summary>
[Command("hook", Description = "The hooks the Amplify CLI runs around 'amplify push': apply the env's boundary before, put the templates back after; install, uninstall, status.")]
public sealed class HookCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
