using Boundary.Aws;

namespace Boundary.Organizations;

/// <summary>What <c>audit --organization</c> was asked.</summary>
public sealed record OrganizationAuditRequest
{
    public const string DefaultRoleName = "OrganizationAccountAccessRole";

    /// <summary>The placeholder --arn may hold for each account's id.</summary>
    public const string AccountIdVariable = "${AccountId}";

    /// <summary>The role assumed in every member account (the management account itself needs none).</summary>
    public string RoleName { get; init; } = DefaultRoleName;

    /// <summary>--accounts: only these (null: every ACTIVE account).</summary>
    public IReadOnlyList<string>? Accounts { get; init; }

    /// <summary>--regions: where to look for root stacks (null: the session's region).</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>--arn: the expected boundary, <see cref="AccountIdVariable"/> replaced per account; else the SCP requirement, else any boundary.</summary>
    public string? Arn { get; init; }

    public bool Fix { get; init; }

    /// <summary>The management account's (or a delegated administrator's) connection.</summary>
    public AwsConnectOptions Aws { get; init; } = new();

    /// <summary>Accounts audited at once.</summary>
    public int MaxAccounts { get; init; } = 4;

    /// <summary>AWS calls at once within one account.</summary>
    public int MaxConcurrency { get; init; } = 8;
}
