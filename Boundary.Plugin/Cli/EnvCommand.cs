using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("env", Description = "The environment lifecycle: carry the boundary over to a new env, or change an env's boundary.")]
public sealed class EnvCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}
