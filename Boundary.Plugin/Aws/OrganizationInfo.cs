namespace Boundary.Aws;

/// <summary>The organisation itself (DescribeOrganization): its id is what <c>${aws:PrincipalOrgID}</c> stands for.</summary>
public sealed record OrganizationInfo(string Id, string Arn, string ManagementAccountId);
