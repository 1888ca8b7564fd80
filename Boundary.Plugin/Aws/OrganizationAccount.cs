namespace Boundary.Aws;

/// <summary>A member account (ListAccounts); <see cref="Status"/> is ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
public sealed record OrganizationAccount(string Id, string Arn, string Name, string? Email, string? Status)
{
    public bool IsActive => Status is null or "ACTIVE";
}
