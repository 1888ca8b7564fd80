using Boundary.Core;
using Boundary.Inject;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("inject", Description = "Add a permissions boundary to every IAM role without one in CloudFormation templates (files or folders: CDK cdk.out, SAM, plain CloudFormation; no Amplify project needed). A plain, persistent edit.")]
public sealed class InjectCommand(IConsole console, RunContext context) : CommandBase(console, context)
{
    [Argument(0, "paths", "Templates or folders to search (JSON templates, recognised by content; #current-cloud-backend, node_modules, .temp and dot-folders skipped).")]
    public string[] Paths { get; set; } = [];

    [Option("--arn <ARN>", Description = "The boundary's managed policy ARN, e.g. arn:aws:iam::123456789012:policy/MyBoundary.")]
    public string? Arn { get; set; }

    [Option("--include-users", Description = "Also cap AWS::IAM::User resources.")]
    public bool IncludeUsers { get; set; }

    [Option("--dry-run", Description = "Print what would change as a unified diff (git apply accepts it); write nothing.")]
    public bool DryRun { get; set; }

    protected override int Execute()
    {
        if (string.IsNullOrEmpty(Arn))
            throw BoundaryException.Usage("inject needs --arn <arn>: dotnet boundary inject <paths...> --arn arn:aws:iam::123456789012:policy/MyBoundary.");
        var result = InjectRunner.Run(new InjectRequest(Paths, Arn, IncludeUsers, DryRun), Context.WorkingDirectory);
        RewriteReport.Write(Output, Json, "inject", result);
        return ExitCodes.Success;
    }
}
