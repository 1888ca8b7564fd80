using Boundary.Aws;
using Boundary.Core;

namespace Boundary.Audit;

/// <summary>The whole run: every env, the AWS calls it made and how long it took.</summary>
public sealed record AuditReport(IReadOnlyList<EnvAudit> Envs, AwsCallCounter Calls, TimeSpan Elapsed)
{
    /// <summary>--fix was asked for and confirmed (false when declined or nothing needed fixing).</summary>
    public bool FixApplied { get; init; }

    /// <summary>--fix was asked for and the person at the terminal said no.</summary>
    public bool FixDeclined { get; init; }

    public int OpenFindings => Envs.Sum(e => e.OpenFindings);

    public int FixedCount => Envs.Sum(e => e.FixedCount);

    /// <summary>4 when AWS failed for any env or any fix, else 1 when any role still falls short, else 0.</summary>
    public int ExitCode => Envs.Any(e => e.Failed) ? ExitCodes.Aws : OpenFindings > 0 ? ExitCodes.Findings : ExitCodes.Success;
}
