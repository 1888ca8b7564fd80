using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("get", Description = "Print the env's permissions boundary ARN (nothing when it has none).")]
public sealed class GetCommand(IConsole console, RunContext context) : ProjectCommandBase(console, context)
{
    protected override int Execute()
    {
        var settings = new BoundarySettings(LocateProject());
        var env = settings.ResolveEnv(Env);
        var arn = settings.Get(env);
        Report(new GetDocument(env, arn), () =>
        {
            if (arn is not null)
                Output.Line(arn);
        });
        return ExitCodes.Success;
    }
}
