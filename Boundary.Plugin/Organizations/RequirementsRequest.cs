using Boundary.Aws;

namespace Boundary.Organizations;

/// <summary>What <c>org requirements</c> was asked: an account (else the env's), and where the organisation's and the env's credentials come from.</summary>
public sealed record RequirementsRequest
{
    /// <summary>--account: the account to judge; null means the account of the env's credentials.</summary>
    public string? Account { get; init; }

    /// <summary>The env's connection (--profile, --region, --endpoint-url, the project and env), used to find its account.</summary>
    public AwsConnectOptions Env { get; init; } = new();

    /// <summary>--org-profile: the management account's (or a delegated administrator's) profile; null means the env's credentials.</summary>
    public string? OrgProfile { get; init; }
}
