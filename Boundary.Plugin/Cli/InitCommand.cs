using Boundary.Aws;
using Boundary.Core;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("init", Description = "Set the permissions boundary of a new project's env (the current one, or --env), as 'amplify init --permissions-boundary' does. Never prompts.")]
public sealed class InitCommand(IConsole console, RunContext context, IAwsClientFactory aws)
    : ProjectCommandBase(console, context)
{
    [Option("--permissions-boundary <ARN>", Description = "The managed policy ARN; '' for none.")]
    public string? PermissionsBoundary { get; set; }

    [Option("--create", Description = "Write the env's entry even if the Amplify CLI has not created the env yet (the host's own 'amplify init' then fails for it).")]
    public bool Create { get; set; }

    [Option("--check-org", Description = "Compare the boundary with what the organisation's SCPs require for the env's account (a warning; with --strict an error, and nothing is written).")]
    public bool CheckOrg { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with. Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    [Option("--strict", Description = "With --check-org: refuse a boundary the organisation would deny (exit 2), and fail (exit 4) when the organisation cannot be read.")]
    public bool Strict { get; set; }

    protected override int Execute()
    {
        using var cancel = ConsoleCancellation.Create(Console);
        if (PermissionsBoundary is null)
            throw BoundaryException.Usage($"init needs --permissions-boundary <arn> (or '' for none), e.g. dotnet boundary init --permissions-boundary {Amplify.PolicyArn.Example}");
        var project = LocateProject();
        var guard = new OrganizationGuard(aws, Output, OrgProfile, Strict, cancel.Token);
        var change = new EnvLifecycle(project, aws, prompter: null).Init(Env, PermissionsBoundary, Create,
            CheckOrg ? (env, boundary) => guard.Check(new AwsConnectOptions { Project = project, Env = env }, env, boundary) : null);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
