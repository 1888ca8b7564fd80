
namespace Boundary.Audit;

public sealed record RoleAudit(DeployedRole Role, RoleStatus Status, string? RoleArn, string? Path, string? ActualBoundary)
{
    /// <summary>Falls short of the boundary (before any --fix).</summary>
    public bool IsFinding => Status is RoleStatus.Missing or RoleStatus.Different or RoleStatus.NotFound;

    /// <summary>
    /// --fix can put the boundary on it: it falls short, and one of the env's stacks holds it. A role named
    /// only in team-provider-info (AuthRoleName) is checked but never changed: a cloned project's file can
    /// name any role of the account.
    /// </summary>
    public bool IsFixable => Status is RoleStatus.Missing or RoleStatus.Different && Role.Stack is not null;

    /// <summary>--fix put the boundary on it.</summary>
    public bool Fixed { get; init; }

    /// <summary>--fix tried and AWS refused (the message says why).</summary>
    public string? FixError { get; init; }

    /// <summary>Still falls short after this run.</summary>
    public bool IsOpenFinding => IsFinding && !Fixed;
}
