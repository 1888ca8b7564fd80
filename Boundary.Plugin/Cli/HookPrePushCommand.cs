using Boundary.Core;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("pre-push", Description = "Apply the env's permissions boundary to every CloudFormation template under amplify/backend (run by the host before a push; reads its payload on stdin). Transient unless --persist: 'hook post-push' puts every file back.")]
public sealed class HookPrePushCommand(IConsole console, RunContext context) : HookCommandBase(console, context)
{
    [Option("--persist", Description = "Keep the injected boundaries in the templates (tracked in amplify/boundary-owned.json, so later runs update or remove only those). Also set by \"persist\": true in amplify/boundary-settings.json.")]
    public bool Persist { get; set; }

    [Option("--include-users", Description = "Also cap AWS::IAM::User resources. Also set by \"includeUsers\": true in amplify/boundary-settings.json.")]
    public bool IncludeUsers { get; set; }

    [Option("--dry-run", Description = "Print what would change as a unified diff; write nothing.")]
    public bool DryRun { get; set; }

    protected override int Execute()
    {
        var warnings = new List<string>();
        var payload = ReadPayload(warnings);
        var project = HookTarget.Locate(ProjectDir, payload, Context.WorkingDirectory, warnings);
        var result = new PrePushRunner(project).Run(payload, new PrePushRequest(Env, Persist, IncludeUsers, DryRun), warnings);
        RewriteReport.Write(Output, Json, "hook pre-push", result);
        if (Output.Lost is { } reason && !result.DryRun && result.Mode == "transient" && result.Summary.FilesChanged > 0)
            PutBackAfterLostReport(project, reason);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The run fails when its report was lost (exit 3), and the host then stops the push without running
    /// post-push: a failed pre-push leaves no file changed, so this one puts back what it wrote first.
    /// </summary>
    private static void PutBackAfterLostReport(Amplify.AmplifyProject project, string reason)
    {
        using (Files.ProjectLock.Acquire(project.Root, project.StateDir))
            PushRestorer.Restore(project);
        throw BoundaryException.File($"the report could not all be written ({reason}), so every template was put back and the push stops. Send the output somewhere it can be written and run again.");
    }
}
