using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("org", Description = "The organisation's rules for permissions boundaries: what its service control policies require of roles in an account.")]
public sealed class OrgCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
