using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>A command that acts on one env of one project.</summary>
public abstract class ProjectCommandBase(IConsole console, RunContext context) : ProjectDirCommandBase(console, context)
{
    [Option("--env <NAME>", Description = "The environment. Default: the current one (amplify/.config/local-env-info.json).")]
    public string? Env { get; set; }

    protected override void Validate()
    {
        base.Validate();
        RequireNonBlank(Env, "--env");
    }
}
