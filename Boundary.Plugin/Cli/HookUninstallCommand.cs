using Boundary.Core;
using Boundary.HookSetup;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("uninstall", Description = "Remove what 'hook install' added: the hook files it wrote (when unchanged since), the marked block in your own hooks. Your own content stays byte for byte.")]
public sealed class HookUninstallCommand(IConsole console, RunContext context) : HookSetupCommandBase(console, context)
{
    protected override int Execute()
    {
        var removals = Installer().Uninstall();
        Report(new HookUninstallDocument(
            true,
            [.. removals.Select(r => new UninstalledHook(r.Hook, Kebab(r.Action), r.FilesChanged, r.Warnings))]), () =>
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
