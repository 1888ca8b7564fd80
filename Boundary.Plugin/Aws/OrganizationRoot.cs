namespace Boundary.Aws;

/// <summary>The organisation's root (ListRoots).</summary>
public sealed record OrganizationRoot(string Id, string Arn, string Name);
