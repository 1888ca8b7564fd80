using System.Text.Json;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Organizations;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("requirements", Description = "Walk the account's parents to the organisation's root, read every SCP attached on the way and report the statements that constrain role permissions boundaries: the boundary they require, the policy and statement that say so, and their scope. Needs the management account's (or a delegated administrator's) credentials: --org-profile.")]
public sealed class OrgRequirementsCommand(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : AwsProjectCommandBase(console, context, prompter, aws)
{
    [Option("--account <ID>", Description = "The account to judge. Default: the account of the env's credentials (sts:GetCallerIdentity); with --account no project is needed.")]
    public string? Account { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with (management account or delegated administrator). Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (Account is not null && Env is not null)
            throw BoundaryException.Usage("--account and --env exclude each other: --account names the account, --env finds it from the env's credentials.");
        var envOptions = AwsOptions;
        if (Account is null)
        {
            var project = LocateProject();
            envOptions = envOptions with { Project = project, Env = new Amplify.BoundarySettings(project).ResolveEnv(Env) };
        }
        var request = new RequirementsRequest { Account = Account, OrgProfile = OrgProfile, Env = envOptions };
        var requirement = await new RequirementsRunner(Aws).RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (Json)
            Output.Document(JsonSerializer.Serialize(RequirementsDocument.From(requirement), OrganizationsJsonContext.Default.RequirementsDocument));
        else
            foreach (var line in RequirementsFormats.Text(requirement))
                Output.Line(line);
        return ExitCodes.Success;
    }
}
