using Boundary.Core;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("post-push", Description = "Put back every template 'hook pre-push' changed, in amplify/backend and amplify/#current-cloud-backend (run by the host after a push, failed or not).")]
public sealed class HookPostPushCommand(IConsole console, RunContext context) : HookCommandBase(console, context)
{
    protected override int Execute()
    {
        var warnings = new List<string>();
        var payload = ReadPayload(warnings);
        var project = HookTarget.Locate(ProjectDir, payload, Context.WorkingDirectory, warnings);
        RestoreResult result;
        using (var gate = Files.ProjectLock.Acquire(project.Root, project.StateDir))
        {
            Files.TempFiles.Sweep(gate, project.AmplifyDir);
            result = PushRestorer.Restore(project);
        }
        RestoreReport.Write(Output, Json, "hook post-push", result, warnings, payload.Error);
        return ExitCodes.Success;
    }
}
