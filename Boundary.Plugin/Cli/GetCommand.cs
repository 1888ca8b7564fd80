using Boundary.Amplify;
using Boundary.Core;
using Boundary.Text;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("get", Description = "Print the env's permissions boundary ARN (nothing when it has none).")]
public sealed class GetCommand(IConsole console, RunContext context) : ProjectCommandBase(console, context)
{
    protected override int Execute()
    {
        var project = LocateProject();
        var settings = new BoundarySettings(project);
        var env = settings.ResolveEnv(Env);
        var arn = settings.Get(env);
        // What scripts capture and terminals show: a stored value that is no ARN is an error, as for
        // verify and pre-push, never printed raw (it could hold control characters).
        if (arn is not null)
            PolicyArn.ParseStored(arn, $"env '{Printable.Of(env)}' of {project.TeamProviderInfoPath}", $"Fix it with 'dotnet boundary set <arn> --env {Printable.Of(env)}' and run again.");
        Report(new GetDocument(env, arn), () =>
        {
            if (arn is not null)
                Output.Line(arn);
        });
        return ExitCodes.Success;
    }
}
