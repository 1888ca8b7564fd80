namespace Boundary.Audit;

/// <summary>How many of an env's roles have each status.</summary>
public sealed record AuditCounts(int Roles, int Ok, int Missing, int Different, int NotFound, int ServiceLinked, int Fixed);
