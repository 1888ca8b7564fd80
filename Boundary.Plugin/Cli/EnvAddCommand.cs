using Boundary.Aws;
using Boundary.Core;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("add", Description = "Give a new env the boundary the Amplify CLI would: --permissions-boundary if given, else the source env's boundary when the new env's account can use it (checked with STS and IAM GetPolicy), else ask (or fail with --yes).")]
public sealed class EnvAddCommand(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : AwsProjectCommandBase(console, context, prompter, aws)
{
    [Argument(0, "name", "The new env's name (2-10 lowercase letters).")]
    public string? Name { get; set; }

    [Option("--from <ENV>", Description = "The env to carry the boundary over from. Default: the current env.")]
    public string? From { get; set; }

    [Option("--permissions-boundary <ARN>", Description = "The new env's boundary; '' for none. Skips the carry-over and every AWS call.")]
    public string? PermissionsBoundary { get; set; }

    [Option("--strict", Description = "Fail (exit 4) when reachability cannot be checked (AccessDenied, no network, no credentials) instead of warning.")]
    public bool Strict { get; set; }

    [Option("--create", Description = "Write the env's entry even if the Amplify CLI has not created the env yet (the host's own 'env add' then fails for it).")]
    public bool Create { get; set; }

    [Option("--check-org", Description = "Compare the new env's boundary with what the organisation's SCPs require for its account (a warning; with --strict an error, and nothing is written).")]
    public bool CheckOrg { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with (management account or delegated administrator). Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    protected override void Validate()
    {
        base.Validate();
        RequireNonBlank(From, "--from");
    }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Name))
            throw BoundaryException.Usage("env add needs the new env's name: dotnet boundary env add <name> [--from <env>] [--permissions-boundary <arn>|'']. See 'dotnet boundary env add --help'.");
        if (!string.IsNullOrEmpty(Env))
            throw BoundaryException.Usage("env add takes the new env as its argument and the source as --from; --env does not apply.");
        var project = LocateProject();
        var guard = new OrganizationGuard(Aws, Output, OrgProfile, Strict);
        var envOptions = AwsOptions with { Project = project, Env = Name };
        var result = await new EnvLifecycle(project, Aws, Prompter).AddAsync(new EnvAddRequest
        {
            Guard = CheckOrg ? (env, boundary, cancellation) => guard.CheckAsync(envOptions, env, boundary, cancellation) : null,
            OrganizationArnFor = (account, cancellation) => guard.RequiredArnForAsync(envOptions, account, cancellation),
            Env = Name,
            From = From,
            PermissionsBoundary = PermissionsBoundary,
            Strict = Strict,
            CreateEntry = Create,
            Aws = AwsOptions,
            RepeatOptions = RepeatOptions(),
        }, cancellationToken).ConfigureAwait(false);
        foreach (var warning in result.Warnings)
            Output.Warn(warning);
        var change = result.Change;
        if (Json)
        {
            Output.Json(new EnvAddDocument(
                true,
                result.Env,
                result.From,
                result.SourceBoundary,
                RewriteReport.Name(result.Decision),
                result.Reachability is { } r
                    ? new ReachabilityDocument(RewriteReport.Name(r.Status), r.Reason, r.Account, r.CrossAccount, r.Suggestion, r.ErrorCode)
                    : null,
                change.Previous,
                change.Current,
                change.Changed,
                change.FilesWritten,
                result.Message,
                [.. result.Warnings, .. change.Warnings]));
            return ExitCodes.Success;
        }
        Output.Line(result.Message);
        foreach (var warning in change.Warnings)
            Output.Warn(warning);
        foreach (var file in change.FilesWritten)
            Output.Line($"  wrote {file}");
        if (change.Changed)
            Output.Line(ChangeReport.NextPushHint + " To change it later: dotnet boundary env update --env " + result.Env);
        return ExitCodes.Success;
    }
}
