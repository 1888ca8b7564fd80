using Boundary.Amplify;
using Boundary.Core;
using Boundary.HookSetup;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>What the hook install, uninstall and status commands share: the project and the environment checks.</summary>
public abstract class HookSetupCommandBase(IConsole console, CliContext context) : CommandBase(console, context)
{
    public const string DisableVariable = "AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES";

    [Option("--project-dir <DIR>", Description = "The project's root folder (holding 'amplify/'). Default: the nearest one at or above the working folder.")]
    public string? ProjectDir { get; set; }

    protected HookInstaller Installer() => new(AmplifyProject.Locate(ProjectDir, Context.WorkingDirectory));

    /// <summary>The host skips every hook when this variable is set to anything non-empty.</summary>
    protected bool ScriptingDisabled => !string.IsNullOrEmpty(Context.GetEnvironmentVariable(DisableVariable));

    protected string DisabledWarning =>
        $"{DisableVariable} is set in this shell: the Amplify CLI skips every command hook while it is, so the boundary would not be injected on push. Unset it before 'amplify push'.";

    protected ToolResolution Tool(HookInstaller installer) => ToolLocator.Resolve(installer.Project.Root, Context.GetEnvironmentVariable);

    protected static object ToolJson(ToolResolution tool) => new { found = tool.Found, via = tool.Via, command = tool.Command };

    protected static string Kebab<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

[Command("install", Description = "Write amplify/hooks/pre-push.sh and post-push.sh, which run 'dotnet boundary hook pre-push/post-push' on every 'amplify push'. An existing .sh hook of yours gets a marked block instead; for a hook in another language the command says what to add.")]
public sealed class HookInstallCommand(IConsole console, CliContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var installer = Installer();
        var outcomes = installer.Install();
        var tool = Tool(installer);
        var needsAction = outcomes.Any(o => o.NeedsAction);
        Report(new
        {
            ok = !needsAction,
            hooks = outcomes.Select(o => new { hook = o.Hook, action = Kebab(o.Action), file = o.File, filesWritten = o.FilesWritten, message = o.Message, snippet = o.Snippet }),
            scriptingDisabled = ScriptingDisabled,
            tool = ToolJson(tool),
        }, () =>
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.NeedsAction)
                {
                    Output.Error($"{outcome.Hook}: {outcome.Message}");
                    if (outcome.Snippet is not null)
                        Console.Error.Write(outcome.Snippet);
                }
                else
                {
                    Output.Line($"{outcome.Hook}: {outcome.Message}");
                }
            }
            if (outcomes.All(o => o.Action == HookAction.AlreadyInstalled))
                Output.Line("The hooks are already installed; nothing changed.");
        });
        if (!tool.Found)
            Output.Warn($"the hooks cannot find the tool from this shell ({tool.Via}); until they can, they fail and stop the push.");
        if (ScriptingDisabled)
            Output.Warn(DisabledWarning);
        return needsAction ? ExitCodes.ProjectOrFile : ExitCodes.Success;
    }
}

[Command("uninstall", Description = "Remove what 'hook install' added: the hook files it wrote (when unchanged since), the marked block in your own hooks. Your own content stays byte for byte.")]
public sealed class HookUninstallCommand(IConsole console, CliContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var removals = Installer().Uninstall();
        Report(new
        {
            ok = true,
            hooks = removals.Select(r => new { hook = r.Hook, action = Kebab(r.Action), filesChanged = r.FilesChanged, warnings = r.Warnings }),
        }, () =>
        {
            foreach (var removal in removals)
            {
                var what = removal.Action switch
                {
                    HookRemovalAction.NotInstalled => "not installed; nothing to remove",
                    HookRemovalAction.RemovedFile => $"removed {string.Join(", ", removal.FilesChanged)}",
                    HookRemovalAction.RemovedBlock => $"removed the dotnet-boundary block from {string.Join(", ", removal.FilesChanged)}",
                    _ => removal.FilesChanged.Count == 0 ? "left as it is" : $"changed {string.Join(", ", removal.FilesChanged)}; the rest was left",
                };
                Output.Line($"{removal.Hook}: {what}");
            }
        });
        foreach (var warning in removals.SelectMany(r => r.Warnings))
            Output.Warn(warning);
        return ExitCodes.Success;
    }
}

[Command("status", Description = "Report each hook (not installed, installed as a file, installed as a block in your hook, modified), whether AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES would skip hooks, and whether the hooks can find the tool.")]
public sealed class HookStatusCommand(IConsole console, CliContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var installer = Installer();
        var statuses = installer.Status();
        var tool = Tool(installer);
        Report(new
        {
            hooks = statuses.Select(s => new { hook = s.Hook, state = Kebab(s.State), file = s.File, detail = s.Detail }),
            scriptingDisabled = ScriptingDisabled,
            tool = ToolJson(tool),
        }, () =>
        {
            foreach (var status in statuses)
            {
                var state = status.State switch
                {
                    HookState.NotInstalled => "not installed",
                    HookState.InstalledFile => "installed (file)",
                    HookState.InstalledBlock => "installed (block in user hook)",
                    HookState.InstalledCall => "installed (call in user hook)",
                    HookState.Modified => "modified",
                    _ => "conflict",
                };
                Output.Line($"{status.Hook,-10} {state,-31} {status.File ?? "-"}");
                if (status.State is not (HookState.InstalledFile or HookState.InstalledBlock or HookState.InstalledCall))
                    Output.Line($"{"",-10} {status.Detail}");
            }
            Output.Line(tool.Found ? $"tool: found, {tool.Via}{(tool.Command is null ? "" : $": {tool.Command}")}" : $"tool: {tool.Via}");
            Output.Line(ScriptingDisabled
                ? $"{DisableVariable}: set, so the Amplify CLI skips every hook"
                : $"{DisableVariable}: not set (hooks run)");
        });
        return ExitCodes.Success;
    }
}
