using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>A command that acts on one env of one project.</summary>
public abstract class ProjectCommandBase(IConsole console, RunContext context) : CommandBase(console, context)
{
    [Option("--project-dir <DIR>", Description = "The project's root folder (holding 'amplify/'). Default: the nearest one at or above the working folder.")]
    public string? ProjectDir { get; set; }

    [Option("--env <NAME>", Description = "The environment. Default: the current one (amplify/.config/local-env-info.json).")]
    public string? Env { get; set; }

    protected AmplifyProject LocateProject() => AmplifyProject.Locate(ProjectDir, Context.WorkingDirectory);
}
