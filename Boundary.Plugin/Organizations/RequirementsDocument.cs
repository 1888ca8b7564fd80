namespace Boundary.Organizations;

/// <summary>The --json document of <c>org requirements</c>.</summary>
public sealed record RequirementsDocument(
    bool Ok,
    string Account,
    string? OrganizationId,
    bool RequiresBoundary,
    string Required,
    string? RequiredArn,
    IReadOnlyList<OrganizationLevel> Levels,
    IReadOnlyList<BoundaryStatement> Statements)
{
    public static RequirementsDocument From(AccountRequirement requirement) => new(
        true,
        requirement.Account,
        requirement.OrganizationId,
        requirement.Requirement.RequiresBoundary,
        requirement.Requirement.Summary,
        requirement.Requirement.RequiredArn,
        requirement.Levels,
        requirement.Requirement.Statements);
}
