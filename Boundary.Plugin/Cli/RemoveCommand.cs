using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("remove", Description = "Remove the env's permissions boundary from team-provider-info and amplify-meta.")]
public sealed class RemoveCommand(IConsole console, RunContext context) : ProjectCommandBase(console, context)
{
    protected override int Execute()
    {
        var settings = new BoundarySettings(LocateProject());
        var change = settings.Set(settings.ResolveEnv(Env), null);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
