using Boundary.Aws;
using Boundary.Core;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("init", Description = "Set the permissions boundary of a new project's env (the current one, or --env), as 'amplify init --permissions-boundary' does. Never prompts.")]
public sealed class InitCommand(IConsole console, RunContext context, IAwsClientFactory aws)
    : OrgCheckedCommandBase(console, context, aws)
{
    [Option("--permissions-boundary <ARN>", Description = "The managed policy ARN; '' for none.")]
    public string? PermissionsBoundary { get; set; }

    [Option("--create", Description = "Write the env's entry even if the Amplify CLI has not created the env yet (the host's own 'amplify init' then fails for it).")]
    public bool Create { get; set; }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (PermissionsBoundary is null)
            throw BoundaryException.Usage($"init needs --permissions-boundary <arn> (or '' for none), e.g. dotnet boundary init --permissions-boundary {Amplify.PolicyArn.Example}");
        var project = LocateProject();
        var change = await new EnvLifecycle(project, Aws, prompter: null).InitAsync(Env, PermissionsBoundary, Create, OrgGuard(project), cancellationToken).ConfigureAwait(false);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
