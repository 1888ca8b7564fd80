using Boundary.Core;
using Boundary.Files;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("restore", Description = "Undo what an interrupted or unfinished 'hook pre-push' left in the templates (its journal in amplify/.boundary), as 'hook post-push' does.")]
public sealed class RestoreCommand(IConsole console, RunContext context) : ProjectDirCommandBase(console, context)
{
    [Option("--discard", Description = "Delete the journal without undoing it: for a journal 'dotnet boundary' refuses (edited, or shipped in the repository). Check the templates first ('git status', 'git diff').")]
    public bool Discard { get; set; }

    protected override int Execute()
    {
        var project = LocateProject();
        RestoreResult result;
        using (var gate = ProjectLock.Acquire(project.Root, project.StateDir))
        {
            TempFiles.Sweep(gate, project.AmplifyDir);
            if (Discard)
            {
                var discarded = PushRestorer.Discard(project);
                Report(new DiscardDocument(true, "restore", discarded), () => Output.Line(discarded
                    ? $"Discarded {PushJournal.PathIn(project.StateDir)} without undoing it; the templates are as they are now."
                    : "Nothing to discard: no journal in amplify/.boundary."));
                return ExitCodes.Success;
            }
            result = PushRestorer.Restore(project);
        }
        RestoreReport.Write(Output, Json, "restore", result, [], null);
        return ExitCodes.Success;
    }
}
