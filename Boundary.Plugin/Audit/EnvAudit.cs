
namespace Boundary.Audit;

/// <summary>One env's audit: where it looked, what it expected, what it found (or why it could not look).</summary>
public sealed record EnvAudit(string Env)
{
    public string? StackName { get; init; }

    public string? ExpectedBoundary { get; init; }

    public string? Region { get; init; }

    /// <summary>The account the env's roles are in (from their ARNs), when any was read.</summary>
    public string? Account { get; init; }

    public string? CredentialSource { get; init; }

    /// <summary>Why the env was not audited (--all-envs: no boundary, never deployed).</summary>
    public string? Skipped { get; init; }

    /// <summary>Why the audit of this env failed (an AWS error, with what to do).</summary>
    public string? Error { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>How many stacks (the root and every nested one) were listed.</summary>
    public int Stacks { get; init; }

    public IReadOnlyList<RoleAudit> Roles { get; init; } = [];

    /// <summary>Things worth knowing that change no verdict (a fallback taken, a resource skipped).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Count(RoleStatus status) => Roles.Count(r => r.Status == status);

    public int OpenFindings => Roles.Count(r => r.IsOpenFinding);

    public int FixedCount => Roles.Count(r => r.Fixed);

    public bool Failed => Error is not null || Roles.Any(r => r.FixError is not null);
}
