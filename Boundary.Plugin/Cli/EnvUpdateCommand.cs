using Boundary.Aws;
using Boundary.Core;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("update", Description = "Change an env's boundary: --permissions-boundary <arn> ('' removes it), or answer a prompt (blank removes it, '.' keeps it).")]
public sealed class EnvUpdateCommand(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : ProjectCommandBase(console, context)
{
    [Option("--permissions-boundary <ARN>", Description = "The new boundary; '' removes it. Required when the command cannot prompt (stdin redirected, CI set, --yes).")]
    public string? PermissionsBoundary { get; set; }

    [Option("-y|--yes", Description = "Never prompt (then --permissions-boundary is required).")]
    public bool Yes { get; set; }

    [Option("--check-org", Description = "Compare the boundary with what the organisation's SCPs require for the env's account (a warning; with --strict an error, and nothing is written).")]
    public bool CheckOrg { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with. Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    [Option("--strict", Description = "With --check-org: refuse a boundary the organisation would deny (exit 2), and fail (exit 4) when the organisation cannot be read.")]
    public bool Strict { get; set; }

    protected override int Execute()
    {
        using var cancel = ConsoleCancellation.Create(Console);
        var ask = Yes || !Context.CanPrompt ? null : Json && prompter is ConsolePrompter ? new ConsolePrompter(Console, Console.Error) : prompter;
        var project = LocateProject();
        var guard = new OrganizationGuard(aws, Output, OrgProfile, Strict, cancel.Token);
        var change = new EnvLifecycle(project, aws, ask).Update(Env, PermissionsBoundary,
            CheckOrg ? (env, boundary) => guard.Check(new AwsConnectOptions { Project = project, Env = env }, env, boundary) : null);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
