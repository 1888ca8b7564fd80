
namespace Boundary.Audit;

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
