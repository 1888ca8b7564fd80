namespace Boundary.Organizations;

/// <summary>
/// Reads service control policies for what they require of role permissions boundaries. Pure: the
/// policy text and the account's context in, <see cref="BoundaryStatement"/>s out. A statement is
/// reported when it denies on <c>iam:PermissionsBoundary</c>, denies removing boundaries, or protects a
/// boundary policy; anything about boundaries it cannot model is <see cref="BoundaryRuleKind.Undecidable"/>.
/// </summary>
public static class ScpAnalyzer
{
    public const string BoundaryKey = "iam:PermissionsBoundary";
    public const string CreateRole = "iam:CreateRole";
    public const string PutBoundary = "iam:PutRolePermissionsBoundary";
    public const string DeleteBoundary = "iam:DeleteRolePermissionsBoundary";

    private static readonly string[] PolicyChanges = ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"];

    private static readonly HashSet<string> RequiringOperators = new(StringComparer.Ordinal) { "StringNotEquals", "ArnNotEquals", "StringNotLike", "ArnNotLike" };

    private static readonly HashSet<string> NegatedOperators = new(StringComparer.Ordinal)
    {
        "StringNotEquals", "ArnNotEquals", "StringNotLike", "ArnNotLike", "StringNotEqualsIgnoreCase",
    };

    private static readonly HashSet<string> PositiveOperators = new(StringComparer.Ordinal)
    {
        "StringEquals", "ArnEquals", "StringLike", "ArnLike", "StringEqualsIgnoreCase", "Bool",
    };

    public static IReadOnlyList<BoundaryStatement> Analyze(string policyId, string policyName, string attachedTo, string content, ScpContext context)
    {
        var found = new List<BoundaryStatement>();
        foreach (var statement in PolicyDocument.Parse(content))
            if (Analyze(statement, context) is { } rule)
                found.Add(rule with { PolicyId = policyId, PolicyName = policyName, AttachedTo = attachedTo });
        return found;
    }

    private static BoundaryStatement? Analyze(PolicyStatement statement, ScpContext context)
    {
        var variables = context.Variables;
        var boundaryTests = statement.Conditions.Where(c => c.IsKey(BoundaryKey)).ToList();
        BoundaryStatement Base(BoundaryRuleKind kind) => new()
        {
            PolicyId = "",
            PolicyName = "",
            AttachedTo = "",
            Statement = statement.Label,
            Kind = kind,
            Actions = statement.Actions,
            NotActions = statement.NotActions,
            Resources = statement.Resources.Select(r => Show(r, variables)).ToList(),
            NotResources = statement.NotResources.Select(r => Show(r, variables)).ToList(),
            CoversCreateRole = statement.Covers(CreateRole),
            CoversPutBoundary = statement.Covers(PutBoundary),
        };

        if (statement.Error is not null)
            return Base(BoundaryRuleKind.Undecidable) with { Undecidable = $"the statement cannot be read ({statement.Error}), so what it requires is unknown" };

        if (!statement.IsDeny)
        {
            return boundaryTests.Count == 0 ? null : Base(BoundaryRuleKind.Undecidable) with
            {
                Undecidable = $"an {(statement.Effect.Length == 0 ? "statement without Effect" : statement.Effect + " statement")} with a condition on {BoundaryKey}: only Deny statements are modelled",
            };
        }

        // The other conditions: on the account (decided here), on the principal (scope), or anything else (not modelled).
        var principal = new List<string>();
        string? undecidable = null;
        var applies = true;
        foreach (var condition in statement.Conditions.Where(c => !c.IsKey(BoundaryKey)))
        {
            if (condition.IsKey("aws:PrincipalAccount") || condition.IsKey("aws:PrincipalOrgID"))
            {
                var known = variables.TryGetValue(condition.Key, out var actual) ? actual : null;
                var holds = known is null || condition.IsQualified ? null : Evaluate(condition, known, variables);
                if (holds is null)
                    undecidable ??= $"it depends on {condition}, which cannot be decided for this account";
                else if (holds == false)
                    applies = false;
                continue;
            }
            if (IsPrincipalKey(condition.Key) && !condition.IsQualified && (NegatedOperators.Contains(condition.BaseOperator) || PositiveOperators.Contains(condition.BaseOperator)))
            {
                principal.Add((NegatedOperators.Contains(condition.BaseOperator) ? "exempt: principals where " : "only principals where ") + ShowCondition(condition, variables));
                continue;
            }
            undecidable ??= $"it also depends on {condition}, which this tool does not model";
        }

        if (boundaryTests.Count > 0)
        {
            var rule = Requirement(statement, boundaryTests, Base, variables) with { PrincipalConditions = principal, AppliesToAccount = applies };
            return undecidable is null || rule.Kind == BoundaryRuleKind.Undecidable ? rule : rule with { Kind = BoundaryRuleKind.Undecidable, Undecidable = undecidable };
        }

        if (statement.NamesExplicitly(DeleteBoundary) || statement.NamesExplicitly(PutBoundary))
        {
            var notes = new List<string>();
            if (statement.NamesExplicitly(PutBoundary))
                notes.Add($"it denies {PutBoundary} without a condition: a push that adds a boundary to an existing role fails unless the principal is exempt");
            return Base(BoundaryRuleKind.ProtectsBoundary) with { PrincipalConditions = principal, AppliesToAccount = applies, Undecidable = undecidable, Notes = notes };
        }

        if (statement.Resources.Any(r => r.Contains(":policy/", StringComparison.Ordinal)) && PolicyChanges.Any(statement.Covers))
            return Base(BoundaryRuleKind.ProtectsPolicy) with { PrincipalConditions = principal, AppliesToAccount = applies, Undecidable = undecidable };

        return null;
    }

    private static BoundaryStatement Requirement(
        PolicyStatement statement, List<PolicyCondition> tests, Func<BoundaryRuleKind, BoundaryStatement> create, IReadOnlyDictionary<string, string> variables)
    {
        var undecidable = create(BoundaryRuleKind.Undecidable);
        if (tests.Count > 1)
            return undecidable with { Undecidable = $"it tests {BoundaryKey} {tests.Count} times ({string.Join("; ", tests)}): combinations are not modelled" };
        var test = tests[0];
        if (test.IsQualified)
            return undecidable with { Operator = test.Operator, Undecidable = $"the set operator {test.Operator} on the single-valued {BoundaryKey} is not modelled" };
        var op = test.BaseOperator;
        if (op == "Null")
        {
            return test.Values is ["true"]
                ? create(BoundaryRuleKind.RequiresAnyBoundary) with { Operator = test.Operator }
                : undecidable with { Operator = test.Operator, Undecidable = $"Null {BoundaryKey} {string.Join(",", test.Values)} denies roles that do have a boundary: not modelled" };
        }
        if (!RequiringOperators.Contains(op))
            return undecidable with { Operator = test.Operator, Undecidable = $"the operator {test.Operator} on {BoundaryKey} is not modelled (only StringNotEquals, ArnNotEquals, StringNotLike, ArnNotLike and Null)" };

        var values = new List<string>();
        foreach (var value in test.Values)
        {
            var (resolved, unresolved) = PolicyPatterns.Resolve(value, variables);
            if (resolved is null)
                return undecidable with { Operator = test.Operator, AcceptedBoundaries = test.Values, Undecidable = $"the accepted boundary '{value}' uses the policy variable {unresolved}, whose value for the principal is not known" };
            values.Add(resolved);
        }
        var notes = new List<string>();
        if (op == "StringNotEquals" && values.Any(PolicyPatterns.HasWildcard))
            notes.Add($"StringNotEquals compares literally: '{values.First(PolicyPatterns.HasWildcard)}' matches no real ARN (use ArnLike or StringNotLike for wildcards)");
        return create(BoundaryRuleKind.RequiresArn) with
        {
            Operator = test.Operator,
            AcceptedBoundaries = values.Select(PolicyPatterns.Display).ToList(),
            MatchOperator = op,
            MatchValues = values,
            Notes = notes,
        };
    }

    /// <summary>A string or ARN condition evaluated for a known value; null when the operator is not modelled.</summary>
    private static bool? Evaluate(PolicyCondition condition, string actual, IReadOnlyDictionary<string, string> variables)
    {
        var values = condition.Values.Select(v => PolicyPatterns.Resolve(v, variables).Value).ToList();
        if (values.Any(v => v is null))
            return null;
        bool Any(Func<string, bool> match) => values.Any(v => match(v!));
        return condition.BaseOperator switch
        {
            "StringEquals" => Any(v => v == actual),
            "StringNotEquals" => !Any(v => v == actual),
            "StringEqualsIgnoreCase" => Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
            "StringNotEqualsIgnoreCase" => !Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
            "StringLike" => Any(v => PolicyPatterns.StringLike(v, actual)),
            "StringNotLike" => !Any(v => PolicyPatterns.StringLike(v, actual)),
            _ => null,
        };
    }

    private static bool IsPrincipalKey(string key) =>
        key.StartsWith("aws:Principal", StringComparison.OrdinalIgnoreCase) && !key.Equals("aws:PrincipalAccount", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:userid", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:username", StringComparison.OrdinalIgnoreCase);

    private static string Show(string value, IReadOnlyDictionary<string, string> variables) =>
        PolicyPatterns.Resolve(value, variables).Value is { } resolved ? PolicyPatterns.Display(resolved) : value;

    private static string ShowCondition(PolicyCondition condition, IReadOnlyDictionary<string, string> variables) =>
        $"{condition.Key} {condition.Operator} {string.Join(" or ", condition.Values.Select(v => Show(v, variables)))}";
}
