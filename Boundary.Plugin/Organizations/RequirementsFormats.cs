namespace Boundary.Organizations;

/// <summary>How <c>org requirements</c> reads as text.</summary>
public static class RequirementsFormats
{
    public static IReadOnlyList<string> Text(AccountRequirement requirement)
    {
        var lines = new List<string>
        {
            $"Account {requirement.Account}" + (requirement.OrganizationId is null ? "" : $" in organisation {requirement.OrganizationId}"),
            "  SCPs: " + string.Join(" > ", requirement.Levels.Select(l =>
                $"{Level(l.Type)} {l.Id} [{(l.Policies.Count == 0 ? "none" : string.Join(", ", l.Policies.Select(p => p.Name)))}]")),
            $"Required boundary: {requirement.Requirement.Summary}",
        };
        foreach (var statement in requirement.Requirement.Statements)
        {
            lines.Add($"  {Kind(statement)}: {statement.Origin}" + (statement.AppliesToAccount ? "" : " (does not apply to this account)"));
            if (statement.AcceptedBoundaries.Count > 0)
                lines.Add($"    accepts: {string.Join(", ", statement.AcceptedBoundaries)}" + (statement.Operator is null ? "" : $" ({statement.Operator} iam:PermissionsBoundary)"));
            lines.Add("    " + (statement.NotActions.Count > 0 ? $"every action except {string.Join(", ", statement.NotActions)}" : $"actions {string.Join(", ", statement.Actions)}")
                      + "; " + (statement.NotResources.Count > 0 ? $"every resource except {string.Join(", ", statement.NotResources)}" : $"resources {string.Join(", ", statement.Resources.DefaultIfEmpty("*"))}"));
            foreach (var condition in statement.PrincipalConditions)
                lines.Add($"    {condition}");
            if (statement.Undecidable is not null)
                lines.Add($"    undecidable: {statement.Undecidable}");
            foreach (var note in statement.Notes)
                lines.Add($"    note: {note}");
        }
        if (requirement.Requirement.Statements.Count == 0)
            lines.Add("  No SCP statement constrains role permissions boundaries.");
        return lines;
    }

    private static string Kind(BoundaryStatement statement) => statement.Kind switch
    {
        BoundaryRuleKind.RequiresArn => "requires a boundary ARN",
        BoundaryRuleKind.RequiresAnyBoundary => "requires any boundary",
        BoundaryRuleKind.ProtectsBoundary => "protects boundaries",
        BoundaryRuleKind.ProtectsPolicy => "protects the boundary policy",
        _ => "cannot be decided",
    };

    private static string Level(string type) => type switch
    {
        "ROOT" => "root",
        "ORGANIZATIONAL_UNIT" => "OU",
        "ACCOUNT" => "account",
        _ => type,
    };
}
