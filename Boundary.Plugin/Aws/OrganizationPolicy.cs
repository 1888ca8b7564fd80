namespace Boundary.Aws;

/// <summary>A policy with its text (DescribePolicy).</summary>
public sealed record OrganizationPolicy(OrganizationPolicySummary Summary, string Content);
