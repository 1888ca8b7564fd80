using Boundary.Amplify;
using Boundary.Core;
using Boundary.Text;
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
            : $"drift: team-provider-info gives env '{Printable.Of(drift.Env)}' {(drift.Boundary is null ? "no boundary" : Printable.Of(drift.Boundary))}, but amplify-meta holds {(drift.MetaBoundary is null ? "none" : Printable.Of(drift.MetaBoundary))}. The host may push the amplify-meta value; run 'dotnet boundary set {(drift.Boundary is null ? "''" : Printable.Of(drift.Boundary))} --env {Printable.Of(drift.Env)}' to align both.";
        Report(new ListDocument(
            envs.FirstOrDefault(e => e.IsCurrent)?.Env,
            [.. envs.Select(e => new ListedEnv(e.Env, e.Boundary, e.IsCurrent, e.MetaBoundary, e.Drift))],
            driftMessage), () =>
        {
            // Values from the project's files, shown so that none can reach the terminal as control characters.
            var width = envs.Count == 0 ? 0 : envs.Max(e => Printable.Of(e.Env).Length);
            foreach (var e in envs)
                Output.Line($"{(e.IsCurrent ? "*" : " ")} {Printable.Of(e.Env).PadRight(width)}  {(e.Boundary is null ? "(none)" : Printable.Of(e.Boundary))}");
            if (envs.Count == 0)
                Output.Line("No envs in team-provider-info.");
        });
        if (driftMessage is not null)
            Output.Warn(driftMessage);
        return ExitCodes.Success;
    }
}
