namespace Boundary.Audit;

/// <summary>The one question <c>audit --fix</c> asks, listing every role it would change, grouped by env or account.</summary>
public static class FixConfirmation
{
    /// <param name="groupNoun">"env" or "account": what each group is.</param>
    /// <param name="withStack">Name each role's stack too (an organisation's accounts hold many root stacks).</param>
    public static string Question(IReadOnlyList<(EnvAudit Group, RoleAudit Role)> fixable, string groupNoun, bool withStack)
    {
        var lines = new List<string> { $"--fix will put the permissions boundary on {fixable.Count} role{(fixable.Count == 1 ? "" : "s")}:" };
        foreach (var group in fixable.GroupBy(f => f.Group))
        {
            lines.Add($"  {groupNoun} {group.Key.Env}: {group.Key.ExpectedBoundary}");
            foreach (var (_, role) in group)
            {
                var state = role.Status == RoleStatus.Missing ? "no boundary" : "now " + role.ActualBoundary;
                lines.Add($"    {role.Role.RoleName} ({(withStack ? $"stack {role.Role.Stack}; " : "")}{state})");
            }
        }
        lines.Add("The stacks then drift from their templates until the next push.");
        lines.Add("Put the boundary on these roles?");
        return string.Join(Environment.NewLine, lines);
    }
}
