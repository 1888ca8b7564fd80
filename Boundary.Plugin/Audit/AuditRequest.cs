using Boundary.Aws;

namespace Boundary.Audit;

public sealed record AuditRequest
{
    /// <summary>The env to audit (default: the current one); ignored with <see cref="AllEnvs"/>.</summary>
    public string? Env { get; init; }

    public bool AllEnvs { get; init; }

    /// <summary>Expect this boundary instead of the env's own (one env only).</summary>
    public string? Arn { get; init; }

    public bool Fix { get; init; }

    /// <summary>--profile, --region, --endpoint-url; each env adds itself (its own local-aws-info entry and Region).</summary>
    public AwsConnectOptions Aws { get; init; } = new();

    public int MaxConcurrency { get; init; } = 8;

    public int BulkThreshold { get; init; } = RoleAuditor.DefaultBulkThreshold;
}
