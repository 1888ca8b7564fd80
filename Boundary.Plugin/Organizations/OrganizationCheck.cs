namespace Boundary.Organizations;

/// <summary>An env's boundary held against what the organisation requires for its account.</summary>
public static class OrganizationCheck
{
    /// <summary>
    /// One message per statement that would deny the env's roles ("The organisation requires ... env prod's
    /// boundary ... would make 'amplify push' fail with AccessDenied."), and one per statement that cannot be decided.
    /// </summary>
    public static IReadOnlyList<string> Problems(AccountRequirement requirement, string env, string? boundary)
    {
        var problems = new List<string>();
        var envBoundary = boundary is null ? $"env {env} has no boundary, which" : $"env {env}'s boundary {boundary}";
        foreach (var statement in requirement.Requirement.Violations(boundary))
        {
            var required = statement.Kind == BoundaryRuleKind.RequiresAnyBoundary ? "a permissions boundary"
                : requirement.Requirement.RequiredArn ?? string.Join(" or ", statement.AcceptedBoundaries);
            var exempt = statement.PrincipalConditions.Count > 0 ? $" ({string.Join("; ", statement.PrincipalConditions)})" : "";
            problems.Add($"The organisation requires {required} for roles in account {requirement.Account} ({statement.Origin}){exempt}; {envBoundary} would make 'amplify push' fail with AccessDenied.");
        }
        foreach (var statement in requirement.Requirement.UndecidableStatements.Where(s => s.CoversCreateRole || s.CoversPutBoundary))
            problems.Add($"Cannot tell whether the organisation accepts {(boundary ?? "no boundary")} for roles in account {requirement.Account}: {statement.Origin}: {statement.Undecidable}.");
        return problems;
    }
}
