using Boundary.Amplify;
using Boundary.Core;
using Boundary.HookSetup;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>What the hook install, uninstall and status commands share: the project and the environment checks.</summary>
public abstract class HookSetupCommandBase(IConsole console, RunContext context) : ProjectDirCommandBase(console, context)
{
    public const string DisableVariable = "AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES";

    protected HookInstaller Installer() => new(LocateProject());

    /// <summary>The host skips every hook when this variable is set to anything non-empty.</summary>
    protected bool ScriptingDisabled => !string.IsNullOrEmpty(Context.GetEnvironmentVariable(DisableVariable));

    protected string DisabledWarning =>
        $"{DisableVariable} is set in this shell: the Amplify CLI skips every command hook while it is, so the boundary would not be injected on push. Unset it before 'amplify push'.";

    protected ToolResolution Tool(HookInstaller installer) => ToolLocator.Resolve(installer.Project.Root, Context.GetEnvironmentVariable);

    protected static ToolDocument ToolJson(ToolResolution tool) => new(tool.Found, tool.Via, tool.Command);

    protected static string Kebab<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
