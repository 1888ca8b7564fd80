namespace Boundary.Audit;

/// <summary>A kind of finding, as a SARIF rule.</summary>
public sealed record AuditRule(string Id, string Name, RoleStatus Status, string ShortDescription, string FullDescription)
{
    public static readonly AuditRule Missing = new("BA001", "RoleWithoutBoundary", RoleStatus.Missing,
        "A deployed role has no permissions boundary.",
        "An IAM role deployed by the env's stacks has no permissions boundary, so nothing caps what its policies grant. Push with the boundary set, or run 'dotnet boundary audit --fix'.");

    public static readonly AuditRule Different = new("BA002", "RoleWithOtherBoundary", RoleStatus.Different,
        "A deployed role has another permissions boundary than the env's.",
        "An IAM role deployed by the env's stacks carries a permissions boundary other than the one in team-provider-info.");

    public static readonly AuditRule NotFound = new("BA003", "RoleNotFound", RoleStatus.NotFound,
        "A role the env's stacks or team-provider-info name does not exist.",
        "A stack resource or team-provider-info's AuthRoleName/UnauthRoleName names an IAM role that IAM does not have (deleted outside CloudFormation, or another account).");

    public static IReadOnlyList<AuditRule> All { get; } = [Missing, Different, NotFound];

    public static AuditRule? For(RoleStatus status) => All.FirstOrDefault(r => r.Status == status);
}
