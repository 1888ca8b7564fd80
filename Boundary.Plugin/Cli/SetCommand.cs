using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("set", Description = "Set the env's permissions boundary in team-provider-info (and amplify-meta for the current env). An empty ARN ('') removes it.")]
public sealed class SetCommand(IConsole console, RunContext context, IAwsClientFactory aws) : ProjectCommandBase(console, context)
{
    [Argument(0, "arn", "The managed policy ARN, e.g. arn:aws:iam::123456789012:policy/MyBoundary; '' removes the boundary.")]
    public string? Arn { get; set; }

    [Option("--check-org", Description = "Compare the boundary with what the organisation's SCPs require for the env's account (a warning; with --strict an error, and nothing is written).")]
    public bool CheckOrg { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with. Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    [Option("--strict", Description = "With --check-org: refuse a boundary the organisation would deny (exit 2), and fail (exit 4) when the organisation cannot be read.")]
    public bool Strict { get; set; }

    protected override int Execute()
    {
        if (Arn is null)
            throw BoundaryException.Usage("set needs an ARN: dotnet boundary set <arn> (or '' to remove). See 'dotnet boundary set --help'.");
        if (Arn.Length > 0)
            PolicyArn.Parse(Arn); // a usage error before any file is read
        var project = LocateProject();
        var settings = new BoundarySettings(project);
        var env = settings.ResolveEnv(Env);
        if (CheckOrg)
        {
            using var cancel = ConsoleCancellation.Create(Console);
            new OrganizationGuard(aws, Output, OrgProfile, Strict, cancel.Token).Check(new AwsConnectOptions { Project = project, Env = env }, env, Arn.Length == 0 ? null : Arn);
        }
        var change = settings.Set(env, Arn);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
