using Boundary.Organizations;

namespace Boundary.Tests.Organizations;

[Category("Unit")]
public class ScpAnalyzerTests
{
    private const string Account = "222233334444";
    private const string OrgBoundary = "arn:aws:iam::222233334444:policy/OrgBoundary";
    private static readonly ScpContext Context = new(Account, "o-abc123");

    private static IReadOnlyList<BoundaryStatement> Analyze(string statements) =>
        ScpAnalyzer.Analyze("p-1", "RequireBoundary", "r-root", $$"""{"Version":"2012-10-17","Statement":{{statements}}}""", Context);

    private static BoundaryStatement Single(string statement) => Analyze(statement).Should().ContainSingle().Subject;

    private static string Deny(string condition, string action = "[\"iam:CreateRole\",\"iam:PutRolePermissionsBoundary\"]", string resource = "\"*\"", string sid = "DenyWithoutBoundary") =>
        $$"""{"Sid":"{{sid}}","Effect":"Deny","Action":{{action}},"Resource":{{resource}},"Condition":{{condition}}}""";

    [TestCase("StringNotEquals")]
    [TestCase("ArnNotEquals")]
    [TestCase("StringNotLike")]
    [TestCase("ArnNotLike")]
    [TestCase("StringNotEqualsIfExists")]
    public void A_negated_test_of_one_value_requires_that_arn(string op)
    {
        var rule = Single(Deny($$$"""{"{{{op}}}":{"iam:PermissionsBoundary":"{{{OrgBoundary}}}"}}"""));

        rule.Kind.Should().Be(BoundaryRuleKind.RequiresArn);
        rule.Operator.Should().Be(op);
        rule.AcceptedBoundaries.Should().Equal(OrgBoundary);
        rule.CoversCreateRole.Should().BeTrue();
        rule.Accepts(OrgBoundary).Should().BeTrue();
        rule.Accepts(null).Should().BeFalse();
        rule.Accepts("arn:aws:iam::222233334444:policy/Other").Should().BeFalse();
        rule.Statement.Should().Be("statement 'DenyWithoutBoundary'");
        rule.Origin.Should().Be("policy RequireBoundary (p-1), statement 'DenyWithoutBoundary', attached to r-root");
    }

    [Test]
    public void A_list_of_values_accepts_any_of_them()
    {
        var rule = Single(Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":["arn:aws:iam::222233334444:policy/A","arn:aws:iam::222233334444:policy/B"]}}"""));

        rule.AcceptedBoundaries.Should().HaveCount(2);
        rule.Accepts("arn:aws:iam::222233334444:policy/B").Should().BeTrue();
        rule.Accepts("arn:aws:iam::222233334444:policy/C").Should().BeFalse();
    }

    [Test]
    public void ArnNotLike_with_a_wildcard_account_accepts_the_policy_in_every_account_and_nothing_else()
    {
        var rule = Single(Deny("""{"ArnNotLike":{"iam:PermissionsBoundary":"arn:aws:iam::*:policy/OrgBoundary"}}"""));

        rule.Accepts(OrgBoundary).Should().BeTrue();
        rule.Accepts("arn:aws:iam::999999999999:policy/OrgBoundary").Should().BeTrue();
        rule.Accepts("arn:aws:iam::222233334444:policy/teams/OrgBoundary").Should().BeFalse("a '*' in an ARN field does not reach into the next field or path");
        rule.Accepts("arn:aws:iam::222233334444:policy/OrgBoundaryX").Should().BeFalse();
    }

    [Test]
    public void StringNotLike_wildcards_cross_colons_and_slashes()
    {
        var rule = Single(Deny("""{"StringNotLike":{"iam:PermissionsBoundary":"arn:aws:iam::*Boundary"}}"""));

        rule.Accepts("arn:aws:iam::222233334444:policy/teams/OrgBoundary").Should().BeTrue();
        rule.Accepts("arn:aws:iam::222233334444:policy/Other").Should().BeFalse();
    }

    [Test]
    public void StringNotEquals_with_a_wildcard_compares_literally_and_says_so()
    {
        var rule = Single(Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::*:policy/OrgBoundary"}}"""));

        rule.Accepts(OrgBoundary).Should().BeFalse();
        rule.Notes.Should().ContainSingle().Which.Should().Contain("compares literally");
    }

    [Test]
    public void PrincipalAccount_and_PrincipalOrgID_variables_are_resolved_for_the_account()
    {
        var rule = Single(Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":["arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary","arn:aws:iam::${aws:PrincipalAccount}:policy/${aws:PrincipalOrgID}-boundary"]}}"""));

        rule.AcceptedBoundaries.Should().Equal(OrgBoundary, "arn:aws:iam::222233334444:policy/o-abc123-boundary");
        rule.Accepts(OrgBoundary).Should().BeTrue();
        rule.Accepts("arn:aws:iam::111111111111:policy/OrgBoundary").Should().BeFalse();
    }

    [Test]
    public void A_variable_unknown_for_an_account_is_undecidable_and_named()
    {
        var rule = Single(Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::${aws:PrincipalAccount}:policy/${aws:username}"}}"""));

        rule.Kind.Should().Be(BoundaryRuleKind.Undecidable);
        rule.Undecidable.Should().Contain("${aws:username}");
    }

    [Test]
    public void Escaped_wildcards_are_literal_characters()
    {
        var rule = Single(Deny("""{"StringNotLike":{"iam:PermissionsBoundary":"arn:aws:iam::222233334444:policy/Odd${*}Name"}}"""));

        rule.AcceptedBoundaries.Should().Equal("arn:aws:iam::222233334444:policy/Odd*Name");
        rule.Accepts("arn:aws:iam::222233334444:policy/Odd*Name").Should().BeTrue();
        rule.Accepts("arn:aws:iam::222233334444:policy/OddXName").Should().BeFalse();
    }

    [Test]
    public void Null_true_requires_any_boundary()
    {
        var rule = Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"}}""", action: "\"iam:CreateRole\""));

        rule.Kind.Should().Be(BoundaryRuleKind.RequiresAnyBoundary);
        rule.Accepts(null).Should().BeFalse();
        rule.Accepts("arn:aws:iam::222233334444:policy/Anything").Should().BeTrue();
        new BoundaryRequirement(Account, [rule]).Summary.Should().Be("any boundary");
    }

    [Test]
    public void Null_false_is_undecidable()
    {
        Single(Deny("""{"Null":{"iam:PermissionsBoundary":"false"}}""")).Kind.Should().Be(BoundaryRuleKind.Undecidable);
    }

    [TestCase("StringEquals")]
    [TestCase("ArnLike")]
    [TestCase("StringNotEqualsIgnoreCase")]
    [TestCase("ForAnyValue:StringNotEquals")]
    public void Operators_not_modelled_on_the_boundary_are_reported_as_undecidable(string op)
    {
        var rule = Single(Deny($$$"""{"{{{op}}}":{"iam:PermissionsBoundary":"{{{OrgBoundary}}}"}}"""));

        rule.Kind.Should().Be(BoundaryRuleKind.Undecidable);
        rule.Undecidable.Should().Contain(op);
        new BoundaryRequirement(Account, [rule]).RequiresBoundary.Should().BeFalse("an undecidable statement is never turned into a requirement");
    }

    [Test]
    public void NotAction_that_leaves_CreateRole_in_covers_it()
    {
        var text = Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::222233334444:policy/OrgBoundary"}}""", action: "[\"iam:Get*\",\"iam:List*\"]")
            .Replace("\"Action\":", "\"NotAction\":");

        var rule = Single(text);

        rule.CoversCreateRole.Should().BeTrue();
        rule.NotActions.Should().Equal("iam:Get*", "iam:List*");
        rule.Actions.Should().BeEmpty();
    }

    [Test]
    public void NotAction_that_excludes_CreateRole_does_not_cover_it()
    {
        var text = Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::222233334444:policy/OrgBoundary"}}""").Replace("\"Action\":", "\"NotAction\":");

        var rule = Single(text);

        rule.CoversCreateRole.Should().BeFalse();
        new BoundaryRequirement(Account, [rule]).RequiresBoundary.Should().BeFalse();
    }

    [Test]
    public void Action_wildcards_cover_CreateRole_case_insensitively()
    {
        Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"}}""", action: "\"IAM:Create*\"")).CoversCreateRole.Should().BeTrue();
        Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"}}""", action: "\"iam:Put*\"")).CoversCreateRole.Should().BeFalse();
    }

    [Test]
    public void Resource_patterns_are_reported_with_variables_resolved()
    {
        var rule = Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"}}""", resource: "[\"arn:aws:iam::${aws:PrincipalAccount}:role/amplify-*\"]"));

        rule.Resources.Should().Equal("arn:aws:iam::222233334444:role/amplify-*");
    }

    [Test]
    public void A_PrincipalArn_exemption_is_kept_as_scope_and_the_rule_still_holds()
    {
        var rule = Single(Deny("""{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::222233334444:policy/OrgBoundary"},"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/OrgAdmin","arn:aws:iam::*:role/stacksets-exec-*"]}}"""));

        rule.Kind.Should().Be(BoundaryRuleKind.RequiresArn);
        rule.PrincipalConditions.Should().ContainSingle().Which.Should()
            .Be("exempt: principals where aws:PrincipalArn ArnNotLike arn:aws:iam::*:role/OrgAdmin or arn:aws:iam::*:role/stacksets-exec-*");
    }

    [Test]
    public void A_PrincipalAccount_condition_that_excludes_the_account_makes_the_statement_not_apply()
    {
        var rule = Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"},"StringEquals":{"aws:PrincipalAccount":["111111111111"]}}"""));

        rule.AppliesToAccount.Should().BeFalse();
        new BoundaryRequirement(Account, [rule]).RequiresBoundary.Should().BeFalse();
        Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"},"StringEquals":{"aws:PrincipalAccount":["222233334444"]}}""")).AppliesToAccount.Should().BeTrue();
    }

    [Test]
    public void A_condition_on_a_key_not_modelled_makes_the_statement_undecidable()
    {
        var rule = Single(Deny("""{"Null":{"iam:PermissionsBoundary":"true"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}"""));

        rule.Kind.Should().Be(BoundaryRuleKind.Undecidable);
        rule.Undecidable.Should().Contain("aws:RequestedRegion");
    }

    [Test]
    public void Denying_DeleteRolePermissionsBoundary_protects_boundaries()
    {
        var rule = Single("""{"Effect":"Deny","Action":"iam:DeleteRolePermissionsBoundary","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgAdmin"}}}""");

        rule.Kind.Should().Be(BoundaryRuleKind.ProtectsBoundary);
        rule.Statement.Should().Be("statement 1");
        rule.PrincipalConditions.Should().ContainSingle();
    }

    [Test]
    public void Denying_changes_to_the_boundary_policy_protects_it()
    {
        var rule = Single("""{"Effect":"Deny","Action":["iam:CreatePolicyVersion","iam:DeletePolicy","iam:SetDefaultPolicyVersion"],"Resource":"arn:aws:iam::*:policy/OrgBoundary"}""");

        rule.Kind.Should().Be(BoundaryRuleKind.ProtectsPolicy);
        rule.Resources.Should().Equal("arn:aws:iam::*:policy/OrgBoundary");
    }

    [Test]
    public void Allow_statements_and_unrelated_denies_are_not_reported()
    {
        Analyze("""[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]""")
            .Should().BeEmpty();
    }

    [Test]
    public void An_allow_list_statement_on_the_boundary_is_undecidable()
    {
        Single("""{"Effect":"Allow","Action":"iam:CreateRole","Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::1:policy/B"}}}""")
            .Kind.Should().Be(BoundaryRuleKind.Undecidable);
    }

    [TestCase("not json")]
    [TestCase("""{"Statement":"x"}""")]
    [TestCase("""{"Statement":[{"Effect":"Deny","Action":{"a":1}}]}""")]
    public void Unreadable_policies_are_undecidable_never_a_crash(string content)
    {
        var rules = ScpAnalyzer.Analyze("p-1", "Broken", "r-root", content, Context);

        rules.Should().ContainSingle().Which.Kind.Should().Be(BoundaryRuleKind.Undecidable);
    }

    [Test]
    public void A_statement_object_instead_of_a_list_is_read()
    {
        var rules = ScpAnalyzer.Analyze("p-1", "One", "r-root",
            """{"Statement":{"Effect":"Deny","Action":"iam:CreateRole","Resource":"*","Condition":{"Null":{"iam:PermissionsBoundary":"true"}}}}""", Context);

        rules.Should().ContainSingle().Which.Kind.Should().Be(BoundaryRuleKind.RequiresAnyBoundary);
    }

    [Test]
    public void The_requirement_combines_statements_from_every_level()
    {
        var root = ScpAnalyzer.Analyze("p-root", "Any", "r-root", """{"Statement":[{"Effect":"Deny","Action":"iam:CreateRole","Resource":"*","Condition":{"Null":{"iam:PermissionsBoundary":"true"}}}]}""", Context);
        var ou = ScpAnalyzer.Analyze("p-ou", "Exact", "ou-1", """{"Statement":[{"Sid":"Exact","Effect":"Deny","Action":"iam:CreateRole","Resource":"*","Condition":{"ArnNotEquals":{"iam:PermissionsBoundary":["arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary","arn:aws:iam::*:policy/Legacy*"]}}}]}""", Context);

        var requirement = new BoundaryRequirement(Account, [.. root, .. ou]);

        requirement.RequiredArn.Should().Be(OrgBoundary);
        requirement.Summary.Should().Be($"one of: {OrgBoundary}, arn:aws:iam::*:policy/Legacy*");
        requirement.Violations(null).Select(v => v.PolicyId).Should().Equal("p-root", "p-ou");
        requirement.Violations("arn:aws:iam::222233334444:policy/Other").Select(v => v.PolicyId).Should().Equal("p-ou");
        requirement.Violations("arn:aws:iam::222233334444:policy/LegacyB").Should().BeEmpty();
    }

    [Test]
    public void No_statement_about_boundaries_means_no_requirement()
    {
        var requirement = new BoundaryRequirement(Account, ScpAnalyzer.Analyze("p-FullAWSAccess", "FullAWSAccess", "r-root",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", Context));

        requirement.RequiresBoundary.Should().BeFalse();
        requirement.Summary.Should().Be("no boundary required");
        requirement.RequiredArn.Should().BeNull();
    }
}
