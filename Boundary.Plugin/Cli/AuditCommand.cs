using Boundary.Audit;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Organizations;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("audit", Description = "Check the roles actually deployed: walk the env's root stack (and every nested stack) in CloudFormation, read each role's boundary from IAM and report roles without the env's boundary. Exit 1 when one falls short. --fix puts the boundary on them.")]
public sealed class AuditCommand(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : AwsProjectCommandBase(console, context, prompter, aws)
{
    [Option("--all-envs", Description = "Audit every env of team-provider-info, each with its own credentials and region (so across accounts). Envs without a boundary or never deployed are skipped.")]
    public bool AllEnvs { get; set; }

    [Option(ReportFormats.OptionTemplate, Description = "text (default), json (same as --json) or sarif (SARIF 2.1.0, for code scanning).")]
    public string? Format { get; set; }

    [Option("--arn <ARN>", Description = "Expect this boundary instead of the env's own (one env only), e.g. before setting it.")]
    public string? Arn { get; set; }

    [Option("--fix", Description = "Put the env's boundary on every role that lacks it or has another one (iam:PutRolePermissionsBoundary), after a confirmation (--yes skips it). Never touches service-linked roles.")]
    public bool Fix { get; set; }

    [Option("--organization", Description = "Audit every ACTIVE account of the organisation (no Amplify project needed): run with the management account's (or a delegated administrator's) credentials; each member account is entered through --role-name. Expected boundary per account: --arn, else what its SCPs require, else any boundary.")]
    public bool Organization { get; set; }

    [Option("--role-name <NAME>", Description = "With --organization: the role assumed in each member account. Default: OrganizationAccountAccessRole.")]
    public string? RoleName { get; set; }

    [Option("--accounts <IDS>", Description = "With --organization: only these accounts (comma-separated ids).")]
    public string? AccountIds { get; set; }

    [Option("--regions <REGIONS>", Description = "With --organization: the regions to look for Amplify root stacks in (comma-separated). Default: the region (--region, profile, AWS_REGION).")]
    public string? Regions { get; set; }

    [Option("-v|--verbose", Description = "List every role, not only the findings, and the AWS requests made per operation.")]
    public bool Verbose { get; set; }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var format = ReportFormats.Parse(Format, Json);
        Json = format == ReportFormat.Json; // errors as JSON too
        if (Fix && !Yes && !Context.CanPrompt)
            throw BoundaryException.Usage("--fix changes roles and asks first, but nobody can answer here (stdin is not a terminal, or CI is set). Review the findings, then pass --yes.");

        Func<string, bool>? confirm = null;
        if (Fix && Prompter is { } prompts)
        {
            // Questions go to stderr whenever stdout carries a document (json, sarif).
            var ask = format != ReportFormat.Text && prompts is ConsolePrompter ? new ConsolePrompter(Console, Console.Error) : prompts;
            confirm = question => ask.Confirm(question);
        }
        IAuditProgress progress = Context.StdoutIsTerminal && format == ReportFormat.Text ? new TerminalProgress(Console.Error) : NoProgress.Instance;
        AuditReport report;
        OrganizationAuditRunner? organization = null;
        if (Organization)
        {
            if (AllEnvs || Env is not null || ProjectDir is not null)
                throw BoundaryException.Usage("--organization audits accounts, not an Amplify project: --env, --all-envs and --project-dir do not apply.");
            organization = new OrganizationAuditRunner(Aws, progress);
            report = await organization.RunAsync(new OrganizationAuditRequest
            {
                RoleName = RoleName ?? OrganizationAuditRequest.DefaultRoleName,
                Accounts = List(AccountIds),
                Regions = List(Regions),
                Arn = Arn,
                Fix = Fix,
                Aws = AwsOptions,
            }, confirm, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (RoleName is not null || AccountIds is not null || Regions is not null)
                throw BoundaryException.Usage("--role-name, --accounts and --regions go with --organization.");
            report = await new AuditRunner(LocateProject(), Aws, progress).RunAsync(new AuditRequest
            {
                Env = Env,
                AllEnvs = AllEnvs,
                Arn = Arn,
                Fix = Fix,
                Aws = AwsOptions,
            }, confirm, cancellationToken).ConfigureAwait(false);
        }

        switch (format)
        {
            case ReportFormat.Json:
                Output.Json(AuditFormats.Json(report));
                break;
            case ReportFormat.Sarif:
                Output.Json(AuditFormats.Sarif(report, Program.Version));
                break;
            default:
                var lines = organization is null ? AuditFormats.Text(report, Verbose) : OrganizationAuditFormats.Text(report, organization.Accounts, Verbose);
                foreach (var line in lines)
                    Output.Line(line);
                break;
        }
        foreach (var env in report.Envs.Where(e => e.Error is not null))
            Output.Error(env.Error!);
        if (report.FixApplied && report.FixedCount > 0)
            Output.Warn(AuditRunner.DriftWarning);
        if (Verbose)
        {
            if (format == ReportFormat.Text)
                Output.Line(AuditFormats.CallsLine(report));
            else
                Output.Detail(AuditFormats.CallsLine(report));
        }
        return report.ExitCode;
    }

    private static IReadOnlyList<string>? List(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
