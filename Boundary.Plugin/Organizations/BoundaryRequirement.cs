namespace Boundary.Organizations;

/// <summary>
/// What the organisation's SCPs require of the boundary of roles created in one account: every statement
/// that says something about boundaries, and the verdict for a given boundary.
/// </summary>
public sealed record BoundaryRequirement(string Account, IReadOnlyList<BoundaryStatement> Statements)
{
    /// <summary>The statements a role creation (CreateRole, or PutRolePermissionsBoundary on a push that adds a boundary) must get past.</summary>
    public IReadOnlyList<BoundaryStatement> Requiring => Statements
        .Where(s => s.AppliesToAccount && (s.CoversCreateRole || s.CoversPutBoundary) && s.Kind is BoundaryRuleKind.RequiresArn or BoundaryRuleKind.RequiresAnyBoundary)
        .ToList();

    public IReadOnlyList<BoundaryStatement> UndecidableStatements => Statements
        .Where(s => s.AppliesToAccount && s.Kind == BoundaryRuleKind.Undecidable)
        .ToList();

    public bool RequiresBoundary => Requiring.Count > 0;

    /// <summary>The one ARN the requiring statements all accept, when they name one without wildcards.</summary>
    public string? RequiredArn => Requiring
        .Where(s => s.Kind == BoundaryRuleKind.RequiresArn)
        .SelectMany(s => s.AcceptedBoundaries)
        .Where(a => !PolicyPatterns.HasWildcard(a) && a.StartsWith("arn:", StringComparison.Ordinal))
        .FirstOrDefault(a => Violations(a).Count == 0);

    /// <summary>"arn:...", "one of: ...", "any boundary", or "no boundary required".</summary>
    public string Summary
    {
        get
        {
            var arns = Requiring.Where(s => s.Kind == BoundaryRuleKind.RequiresArn).ToList();
            if (arns.Count == 0)
                return Requiring.Count > 0 ? "any boundary" : "no boundary required";
            if (RequiredArn is { } arn && arns.All(s => s.AcceptedBoundaries.Count == 1 && !PolicyPatterns.HasWildcard(s.AcceptedBoundaries[0])))
                return arn;
            var accepted = arns.SelectMany(s => s.AcceptedBoundaries).Distinct(StringComparer.Ordinal).ToList();
            return accepted.Count == 1 ? accepted[0] : "one of: " + string.Join(", ", accepted);
        }
    }

    /// <summary>The statements that would deny a role created with <paramref name="boundary"/> (null: none).</summary>
    public IReadOnlyList<BoundaryStatement> Violations(string? boundary) => Requiring.Where(s => !s.Accepts(boundary)).ToList();
}
