using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("env", Description = "The environment lifecycle: carry the boundary over to a new env, or change an env's boundary.")]
[Subcommand(typeof(EnvAddCommand), typeof(EnvUpdateCommand))]
public sealed class EnvCommand
{
    public int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Usage;
    }
}

[Command("add", Description = "Give a new env the boundary the Amplify CLI would: --permissions-boundary if given, else the source env's boundary when the new env's account can use it (checked with STS and IAM GetPolicy), else ask (or fail with --yes).")]
public sealed class EnvAddCommand(IConsole console, CliContext context, IPrompter prompter, IAwsClientFactory aws)
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

    protected override int Execute()
    {
        using var cancel = ConsoleCancellation.Create(Console);
        if (string.IsNullOrEmpty(Name))
            throw BoundaryException.Usage("env add needs the new env's name: dotnet boundary env add <name> [--from <env>] [--permissions-boundary <arn>|'']. See 'dotnet boundary env add --help'.");
        if (!string.IsNullOrEmpty(Env))
            throw BoundaryException.Usage("env add takes the new env as its argument and the source as --from; --env does not apply.");
        var project = LocateProject();
        var guard = new OrganizationGuard(Aws, Output, OrgProfile, Strict, cancel.Token);
        var envOptions = AwsOptions with { Project = project, Env = Name };
        var result = new EnvLifecycle(project, Aws, Prompter).Add(new EnvAddRequest
        {
            Guard = CheckOrg ? (env, boundary) => guard.Check(envOptions, env, boundary) : null,
            OrganizationArnFor = account => guard.RequiredArnFor(envOptions, account),
            Env = Name,
            From = From,
            PermissionsBoundary = PermissionsBoundary,
            Strict = Strict,
            CreateEntry = Create,
            Aws = AwsOptions,
            RepeatOptions = RepeatOptions(),
        });
        foreach (var warning in result.Warnings)
            Output.Warn(warning);
        var change = result.Change;
        if (Json)
        {
            Output.Json(new
            {
                ok = true,
                env = result.Env,
                from = result.From,
                sourcePermissionsBoundary = result.SourceBoundary,
                decision = Camel(result.Decision.ToString()),
                reachability = result.Reachability is { } r
                    ? new { status = Camel(r.Status.ToString()), reason = r.Reason, account = r.Account, crossAccount = r.CrossAccount, suggestion = r.Suggestion, errorCode = r.ErrorCode }
                    : null,
                previous = change.Previous,
                permissionsBoundary = change.Current,
                changed = change.Changed,
                filesWritten = change.FilesWritten,
                message = result.Message,
                warnings = result.Warnings.Concat(change.Warnings),
            });
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

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

[Command("update", Description = "Change an env's boundary: --permissions-boundary <arn> ('' removes it), or answer a prompt (blank removes it, '.' keeps it).")]
public sealed class EnvUpdateCommand(IConsole console, CliContext context, IPrompter prompter, IAwsClientFactory aws)
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
