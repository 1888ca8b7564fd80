using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("set", Description = "Set the env's permissions boundary in team-provider-info (and amplify-meta for the current env). An empty ARN ('') removes it.")]
public sealed class SetCommand(IConsole console, RunContext context, IAwsClientFactory aws) : OrgCheckedCommandBase(console, context, aws)
{
    [Argument(0, "arn", "The managed policy ARN, e.g. arn:aws:iam::123456789012:policy/MyBoundary; '' removes the boundary.")]
    public string? Arn { get; set; }

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (Arn is null)
            throw BoundaryException.Usage("set needs an ARN: dotnet boundary set <arn> (or '' to remove). See 'dotnet boundary set --help'.");
        if (Arn.Length > 0)
            PolicyArn.Parse(Arn); // a usage error before any file is read
        var project = LocateProject();
        var settings = new BoundarySettings(project);
        var env = settings.ResolveEnv(Env);
        if (OrgGuard(project) is { } guard)
            await guard(env, Arn.Length == 0 ? null : Arn, cancellationToken).ConfigureAwait(false);
        var change = settings.Set(env, Arn);
        ChangeReport.Write(Output, Json, change);
        return ExitCodes.Success;
    }
}
