using Boundary.Core;
using Boundary.Files;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("restore", Description = "Undo what an interrupted or unfinished 'hook pre-push' left in the templates (its journal in amplify/.boundary), as 'hook post-push' does.")]
public sealed class RestoreCommand(IConsole console, RunContext context) : ProjectDirCommandBase(console, context)
{
    protected override int Execute()
    {
        var project = LocateProject();
        RestoreResult result;
        using (ProjectLock.Acquire(project.StateDir))
            result = PushRestorer.Restore(project);
        RestoreReport.Write(Output, Json, "restore", result, [], null);
        return ExitCodes.Success;
    }
}
