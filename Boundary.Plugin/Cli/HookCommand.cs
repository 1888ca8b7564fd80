using Boundary.Amplify;
using Boundary.Core;
using Boundary.Push;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>The command hooks the host runs around a push (amplify/hooks/pre-push.*, post-push.*).</summary>
[Command("hook", Description = "The hooks the Amplify CLI runs around 'amplify push': apply the env's boundary before, put the templates back after; install, uninstall, status.")]
[Subcommand(typeof(HookPrePushCommand), typeof(HookPostPushCommand), typeof(HookInstallCommand), typeof(HookUninstallCommand), typeof(HookStatusCommand))]
public sealed class HookCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}

/// <summary>What the hook commands share: the host's payload on stdin.</summary>
public abstract class HookCommandBase(IConsole console, CliContext context) : ProjectCommandBase(console, context)
{
    /// <summary>How long to wait for the host's payload before going on without it.</summary>
    private static readonly TimeSpan StdinWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The host's payload; empty when stdin is a terminal (a person running the hook by hand), empty,
    /// or not JSON (with a warning): the project and env then come from the working folder and
    /// local-env-info.
    /// </summary>
    protected HookPayload ReadPayload(List<string> warnings)
    {
        if (Context.StdinIsTerminal)
            return HookPayload.Empty;
        var read = Task.Run(() => Console.In.ReadToEnd());
        if (!read.Wait(StdinWait))
        {
            warnings.Add($"no hook payload arrived on stdin within {StdinWait.TotalSeconds:0} s; going on without it.");
            return HookPayload.Empty;
        }
        var payload = HookPayload.Parse(read.Result, out var problem);
        if (problem is not null)
            warnings.Add(problem + "; using the working folder and local-env-info instead.");
        return payload;
    }
}

[Command("pre-push", Description = "Apply the env's permissions boundary to every CloudFormation template under amplify/backend (run by the host before a push; reads its payload on stdin). Transient unless --persist: 'hook post-push' puts every file back.")]
public sealed class HookPrePushCommand(IConsole console, CliContext context) : HookCommandBase(console, context)
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
        return ExitCodes.Success;
    }
}

[Command("post-push", Description = "Put back every template 'hook pre-push' changed, in amplify/backend and amplify/#current-cloud-backend (run by the host after a push, failed or not).")]
public sealed class HookPostPushCommand(IConsole console, CliContext context) : HookCommandBase(console, context)
{
    protected override int Execute()
    {
        var warnings = new List<string>();
        var payload = ReadPayload(warnings);
        var project = HookTarget.Locate(ProjectDir, payload, Context.WorkingDirectory, warnings);
        RestoreResult result;
        using (Files.ProjectLock.Acquire(project.StateDir))
            result = PushRestorer.Restore(project);
        RestoreReport.Write(Output, Json, "hook post-push", result, warnings, payload.Error);
        return ExitCodes.Success;
    }
}
