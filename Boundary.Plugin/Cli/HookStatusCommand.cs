using Boundary.Core;
using Boundary.HookSetup;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("status", Description = "Report each hook (not installed, installed as a file, installed as a block in your hook, modified), whether AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES would skip hooks, and whether the hooks can find the tool.")]
public sealed class HookStatusCommand(IConsole console, RunContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var installer = Installer();
        var statuses = installer.Status();
        var tool = Tool(installer);
        Report(new HookStatusDocument(
            [.. statuses.Select(s => new HookStatusEntry(s.Hook, Kebab(s.State), s.File, s.Detail))],
            ScriptingDisabled,
            ToolJson(tool)), () =>
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
