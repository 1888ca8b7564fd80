namespace Boundary.Organizations;

/// <summary>
/// A statement of a service control policy that constrains role boundaries, with its scope: where the
/// policy is attached, the actions and resources it covers, the principals it exempts, and (for
/// <see cref="BoundaryRuleKind.RequiresArn"/>) the boundaries it accepts, policy variables resolved for the account.
/// </summary>
public sealed record BoundaryStatement
{
    public required string PolicyId { get; init; }

    public required string PolicyName { get; init; }

    /// <summary>The root, OU or account the policy is attached to.</summary>
    public required string AttachedTo { get; init; }

    /// <summary>The statement's Sid, else "statement N".</summary>
    public required string Statement { get; init; }

    public required BoundaryRuleKind Kind { get; init; }

    /// <summary>The condition operator on iam:PermissionsBoundary (StringNotEquals, ArnNotLike, Null, ...), when there is one.</summary>
    public string? Operator { get; init; }

    /// <summary>The boundaries the statement lets through (resolved; may hold wildcards).</summary>
    public IReadOnlyList<string> AcceptedBoundaries { get; init; } = [];

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> NotActions { get; init; } = [];

    public IReadOnlyList<string> Resources { get; init; } = [];

    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>Conditions on the calling principal: who is exempt, or who alone is bound ("aws:PrincipalArn ArnNotLike arn:aws:iam::*:role/Admin").</summary>
    public IReadOnlyList<string> PrincipalConditions { get; init; } = [];

    /// <summary>Denies iam:CreateRole (so a push that creates roles meets it).</summary>
    public bool CoversCreateRole { get; init; }

    /// <summary>Denies iam:PutRolePermissionsBoundary (so a push that adds a boundary to an existing role meets it).</summary>
    public bool CoversPutBoundary { get; init; }

    /// <summary>False when a condition on aws:PrincipalAccount / aws:PrincipalOrgID rules the account out.</summary>
    public bool AppliesToAccount { get; init; } = true;

    /// <summary>For <see cref="BoundaryRuleKind.Undecidable"/>: what could not be decided.</summary>
    public string? Undecidable { get; init; }

    /// <summary>Things worth knowing (a wildcard that StringNotEquals reads literally, a statement that denies every boundary change).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>For matching: the operator's family and the resolved values (escaped wildcards kept literal).</summary>
    internal string? MatchOperator { get; init; }

    internal IReadOnlyList<string> MatchValues { get; init; } = [];

    /// <summary>Whether a role created with <paramref name="boundary"/> (null: none) gets past this statement.</summary>
    public bool Accepts(string? boundary) => Kind switch
    {
        BoundaryRuleKind.RequiresAnyBoundary => boundary is not null,
        BoundaryRuleKind.RequiresArn => boundary is not null && MatchValues.Any(v => MatchOperator switch
        {
            "StringNotEquals" => string.Equals(v, boundary, StringComparison.Ordinal),
            "StringNotLike" => PolicyPatterns.StringLike(v, boundary),
            _ => PolicyPatterns.ArnLike(v, boundary), // ArnNotEquals and ArnNotLike both take wildcards per ARN field
        }),
        _ => true,
    };

    /// <summary>Where it comes from, for messages: "policy RequireBoundary (p-123), statement 'DenyWithoutBoundary', attached to ou-..."</summary>
    public string Origin => $"policy {PolicyName} ({PolicyId}), {Statement}, attached to {AttachedTo}";
}
