
namespace Boundary.Audit;

/// <summary>A role the env deployed: its name, and where it was found (a stack's resource, or team-provider-info).</summary>
/// <param name="Stack">The stack's name (nested stacks included); null for a role named only in team-provider-info.</param>
/// <param name="LogicalId">The resource's logical id in <paramref name="Stack"/>, or the team-provider-info key (AuthRoleName).</param>
public sealed record DeployedRole(string RoleName, string? Stack, string? StackId, string LogicalId);
