using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

// Temporary group for the install branch: the merge keeps the hooks branch's HookCommand and adds
// HookInstallCommand, HookUninstallCommand and HookStatusCommand to its Subcommand list.
[Command("hook", Description = "The Amplify command hooks: install, uninstall, status.")]
[Subcommand(typeof(HookInstallCommand), typeof(HookUninstallCommand), typeof(HookStatusCommand))]
public sealed class HookCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
