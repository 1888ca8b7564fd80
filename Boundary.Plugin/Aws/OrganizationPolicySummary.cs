namespace Boundary.Aws;

/// <summary>A policy attached to a target (ListPoliciesForTarget).</summary>
public sealed record OrganizationPolicySummary(string Id, string Arn, string Name, string? Type, bool AwsManaged);
