using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>A command that acts on one Amplify project: the one place --project-dir is declared.</summary>
public abstract class ProjectDirCommandBase(IConsole console, RunContext context) : CommandBase(console, context)
{
    [Option("--project-dir <DIR>", Description = "The project's root folder (holding 'amplify/'). Default: the nearest one at or above the working folder.")]
    public string? ProjectDir { get; set; }

    protected override void Validate() => RequireNonBlank(ProjectDir, "--project-dir");

    protected AmplifyProject LocateProject() => AmplifyProject.Locate(ProjectDir, Context.WorkingDirectory);
}
