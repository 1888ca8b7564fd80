using Boundary.Core;
using Boundary.Files;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("restore", Description = "Undo what an interrupted or unfinished 'hook pre-push' left in the templates (its journal in amplify/.boundary), as 'hook post-push' does.")]
public sealed class RestoreCommand(IConsole console, RunContext context) : CommandBase(console, context)
{
    [Option("--project-dir <DIR>", Description = "The project's root folder (holding 'amplify/'). Default: the nearest one at or above the working folder.")]
    public string? ProjectDir { get; set; }

    protected override int Execute()
    {
        var project = Amplify.AmplifyProject.Locate(ProjectDir, Context.WorkingDirectory);
        RestoreResult result;
        using (ProjectLock.Acquire(project.StateDir))
            result = PushRestorer.Restore(project);
        RestoreReport.Write(Output, Json, "restore", result, [], null);
        return ExitCodes.Success;
    }
}
