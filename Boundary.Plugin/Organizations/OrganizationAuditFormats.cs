using Boundary.Audit;

namespace Boundary.Organizations;

/// <summary>The text report of <c>audit --organization</c>: a summary per account, its findings, then the totals.</summary>
public static class OrganizationAuditFormats
{
    public static IEnumerable<string> Text(AuditReport report, IReadOnlyDictionary<string, OrganizationAccountContext> accounts, bool verbose)
    {
        foreach (var account in report.Envs)
        {
            var context = accounts.TryGetValue(account.Env, out var c) ? c : null;
            var name = context is null || context.Name.Length == 0 ? "" : $" ({context.Name})";
            if (account.Error is not null)
            {
                yield return $"account {account.Env}{name}: not audited (see below)";
                continue;
            }
            var roots = account.StackName is null ? 0 : account.StackName.Split(", ").Length;
            var findings = account.OpenFindings;
            yield return $"account {account.Env}{name}: {roots} root stack{(roots == 1 ? "" : "s")}, {account.Stacks} stack{(account.Stacks == 1 ? "" : "s")}, {account.Roles.Count} role{(account.Roles.Count == 1 ? "" : "s")}, {findings} finding{(findings == 1 ? "" : "s")}" +
                         $"; expected {account.ExpectedBoundary}{(context is null ? "" : $" ({context.ExpectedSource})")}";
            foreach (var role in account.Roles.Where(r => verbose || r.Status != RoleStatus.Ok))
            {
                var word = role.Fixed ? "fixed" : role.FixError is not null ? "fix failed" : AuditFormats.StatusWord(role.Status);
                var detail = role.Status switch
                {
                    RoleStatus.Different => $", has {role.ActualBoundary}",
                    RoleStatus.Missing => ", has none",
                    _ => "",
                };
                yield return $"  {word,-13} {role.Role.RoleName} (stack {role.Role.Stack}, {role.Role.LogicalId}{detail})";
                if (role.FixError is not null)
                    yield return $"                {role.FixError}";
            }
            foreach (var note in account.Notes)
                yield return $"  note: {note}";
        }
        var audited = report.Envs.Where(e => e.Error is null).ToList();
        var failed = report.Envs.Count - audited.Count;
        var roles = audited.Sum(e => e.Roles.Count);
        var summary = $"{report.Envs.Count} account{(report.Envs.Count == 1 ? "" : "s")}: {audited.Sum(e => e.Stacks)} stacks, {roles} roles, {report.OpenFindings} open finding{(report.OpenFindings == 1 ? "" : "s")}";
        if (report.FixApplied)
            summary += $", {report.FixedCount} fixed";
        if (failed > 0)
            summary += $"; {failed} account{(failed == 1 ? "" : "s")} could not be audited";
        yield return summary + ".";
        if (!report.FixApplied && report.OpenFindings > 0 && !report.FixDeclined)
            yield return "To put the boundary on them: dotnet boundary audit --organization --fix (with --arn when the expectation is not one ARN).";
    }
}
