using Boundary.Amplify;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

[Command("list", Description = "List every env with its permissions boundary; mark the current one and report drift between team-provider-info and amplify-meta.")]
public sealed class ListCommand(IConsole console, RunContext context) : ProjectDirCommandBase(console, context)
{
    protected override int Execute()
    {
        var project = LocateProject();
        var envs = new BoundarySettings(project).List();
        var drift = envs.FirstOrDefault(e => e.Drift);
        var driftMessage = drift is null
            ? null
            : $"drift: team-provider-info gives env '{drift.Env}' {drift.Boundary ?? "no boundary"}, but amplify-meta holds {drift.MetaBoundary ?? "none"}. The host may push the amplify-meta value; run 'dotnet boundary set {(drift.Boundary is null ? "''" : drift.Boundary)} --env {drift.Env}' to align both.";
        Report(new ListDocument(
            envs.FirstOrDefault(e => e.IsCurrent)?.Env,
            [.. envs.Select(e => new ListedEnv(e.Env, e.Boundary, e.IsCurrent, e.MetaBoundary, e.Drift))],
            driftMessage), () =>
        {
            var width = envs.Count == 0 ? 0 : envs.Max(e => e.Env.Length);
            foreach (var e in envs)
                Output.Line($"{(e.IsCurrent ? "*" : " ")} {e.Env.PadRight(width)}  {e.Boundary ?? "(none)"}");
            if (envs.Count == 0)
                Output.Line("No envs in team-provider-info.");
        });
        if (driftMessage is not null)
            Output.Warn(driftMessage);
        return ExitCodes.Success;
    }
}
