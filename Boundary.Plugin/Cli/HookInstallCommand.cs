using Boundary.Core;
using Boundary.HookSetup;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("install", Description = "Write amplify/hooks/pre-push.sh and post-push.sh, which run 'dotnet boundary hook pre-push/post-push' on every 'amplify push'. An existing .sh hook of yours gets a marked block instead; for a hook in another language the command says what to add.")]
public sealed class HookInstallCommand(IConsole console, RunContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var installer = Installer();
        var outcomes = installer.Install();
        var tool = Tool(installer);
        var needsAction = outcomes.Any(o => o.NeedsAction);
        Report(new HookInstallDocument(
            !needsAction,
            [.. outcomes.Select(o => new InstalledHook(o.Hook, Kebab(o.Action), o.File, o.FilesWritten, o.Message, o.Snippet))],
            ScriptingDisabled,
            ToolJson(tool)), () =>
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.NeedsAction)
                {
                    Output.Error($"{outcome.Hook}: {outcome.Message}");
                    if (outcome.Snippet is not null)
                        Output.Detail(outcome.Snippet);
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
