using Boundary.Aws;
using Boundary.Core;
using Boundary.Environments;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("update", Description = "Change an env's boundary: --permissions-boundary <arn> ('' removes it), or answer a prompt (blank removes it, '.' keeps it).")]
public sealed class EnvUpdateCommand(IConsole console, RunContext context, IPrompter prompter, IAwsClientFactory aws)
    : OrgCheckedCommandBase(console, context, aws)
{
    [Option("--permissions-boundary <ARN>", Description = "The new boundary; '' removes it. Required when the command cannot prompt (stdin redirected, CI set, --yes).")]
    public string? PermissionsBoundary { get; set; }

    [Option("-y|--yes", Description = "Never prompt (then --permissions-boundary is required).")]
    public bool Yes { get; set; }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var ask = Yes || !Context.CanPrompt ? null : Json && prompter is ConsolePrompter ? new ConsolePrompter(Console, Console.Error) : prompter;
        var project = LocateProject();
        var change = await new EnvLifecycle(project, Aws, ask).UpdateAsync(Env, PermissionsBoundary, OrgGuard(project), cancellationToken).ConfigureAwait(false);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
