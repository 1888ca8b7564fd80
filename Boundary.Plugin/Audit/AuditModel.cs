using Boundary.Aws;
using Boundary.Core;

namespace Boundary.Audit;

/// <summary>What audit found for one deployed role.</summary>
public enum RoleStatus
{
    /// <summary>The role carries the expected boundary.</summary>
    Ok,

    /// <summary>The role has no boundary.</summary>
    Missing,

    /// <summary>The role has another boundary than the expected one.</summary>
    Different,

    /// <summary>A stack or team-provider-info names the role, and IAM has no role of that name.</summary>
    NotFound,

    /// <summary>An AWS service-linked role (path /aws-service-role/): it cannot carry a boundary and is never changed.</summary>
    ServiceLinked,
}

/// <summary>A role the env deployed: its name, and where it was found (a stack's resource, or team-provider-info).</summary>
/// <param name="Stack">The stack's name (nested stacks included); null for a role named only in team-provider-info.</param>
/// <param name="LogicalId">The resource's logical id in <paramref name="Stack"/>, or the team-provider-info key (AuthRoleName).</param>
public sealed record DeployedRole(string RoleName, string? Stack, string? StackId, string LogicalId);

public sealed record RoleAudit(DeployedRole Role, RoleStatus Status, string? RoleArn, string? Path, string? ActualBoundary)
{
    /// <summary>Falls short of the boundary (before any --fix).</summary>
    public bool IsFinding => Status is RoleStatus.Missing or RoleStatus.Different or RoleStatus.NotFound;

    /// <summary>--fix can put the boundary on it.</summary>
    public bool IsFixable => Status is RoleStatus.Missing or RoleStatus.Different;

    /// <summary>--fix put the boundary on it.</summary>
    public bool Fixed { get; init; }

    /// <summary>--fix tried and AWS refused (the message says why).</summary>
    public string? FixError { get; init; }

    /// <summary>Still falls short after this run.</summary>
    public bool IsOpenFinding => IsFinding && !Fixed;
}

/// <summary>One env's audit: where it looked, what it expected, what it found (or why it could not look).</summary>
public sealed record EnvAudit(string Env)
{
    public string? StackName { get; init; }

    public string? ExpectedBoundary { get; init; }

    public string? Region { get; init; }

    /// <summary>The account the env's roles are in (from their ARNs), when any was read.</summary>
    public string? Account { get; init; }

    public string? CredentialSource { get; init; }

    /// <summary>Why the env was not audited (--all-envs: no boundary, never deployed).</summary>
    public string? Skipped { get; init; }

    /// <summary>Why the audit of this env failed (an AWS error, with what to do).</summary>
    public string? Error { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>How many stacks (the root and every nested one) were listed.</summary>
    public int Stacks { get; init; }

    public IReadOnlyList<RoleAudit> Roles { get; init; } = [];

    /// <summary>Things worth knowing that change no verdict (a fallback taken, a resource skipped).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Count(RoleStatus status) => Roles.Count(r => r.Status == status);

    public int OpenFindings => Roles.Count(r => r.IsOpenFinding);

    public int FixedCount => Roles.Count(r => r.Fixed);

    public bool Failed => Error is not null || Roles.Any(r => r.FixError is not null);
}

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
