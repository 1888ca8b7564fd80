using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Templates;

/// <summary>
/// An <c>AWS::NoValue</c> branch of an <c>Fn::If</c> at the Properties level creates the resource without
/// Properties. A role or a SAM resource cannot be created so, and has nothing to bound there; a user can,
/// and is then created without a boundary: it counts as not bounded, and no boundary can be added for it.
/// </summary>
[Category("Unit")]
public class NoValueBranchTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/B";

    private static CloudFormationTemplate Load(string path, string text) =>
        CloudFormationTemplate.Load(new SourceText(path, Encoding.UTF8.GetBytes(text)))!;

    private static IEnumerable<TestCaseData> Templates(string type)
    {
        yield return new TestCaseData("t.yaml", $"Resources:\n  U:\n    Type: {type}\n    Properties: !If [C, {{PermissionsBoundary: {Arn}}}, !Ref AWS::NoValue]\n", 4, 84).SetArgDisplayNames("yaml");
        yield return new TestCaseData("t.json", $"{{\"Resources\": {{\"U\": {{\"Type\": \"{type}\", \"Properties\": {{\"Fn::If\": [\"C\", {{\"PermissionsBoundary\": \"{Arn}\"}},\n {{\"Ref\": \"AWS::NoValue\"}}]}}}}}}}}", 2, 2).SetArgDisplayNames("json");
    }

    private static IEnumerable<TestCaseData> Users() => Templates(TemplateResource.User);

    private static IEnumerable<TestCaseData> Roles() => Templates(TemplateResource.Role);

    [TestCaseSource(nameof(Users))]
    public void A_user_with_a_no_value_branch_is_not_bounded_and_gets_no_boundary_added(string path, string text, int line, int column)
    {
        var template = Load(path, text);

        var user = template.Principals.Should().ContainSingle().Subject;
        user.Boundary.Should().Be(BoundaryKind.None);
        user.Branches.Should().ContainSingle(b => b.IsNoValue).Which.Should().Be(new BranchBoundary(BoundaryKind.None, null, line, column) { IsNoValue = true });
        var adding = () => template.AddBoundary(user, Arn);
        adding.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"{path}:{line}:{column}: cannot add the permissions boundary of U").And.Contain("AWS::NoValue");
    }

    [TestCaseSource(nameof(Roles))]
    public void A_role_with_a_no_value_branch_is_bounded_by_its_other_branches(string path, string text, int line, int column)
    {
        var role = Load(path, text).Principals.Should().ContainSingle().Subject;

        role.Boundary.Should().Be(BoundaryKind.Literal, "a role cannot be created without Properties (line {0}, column {1})", line, column);
        role.Branches.Should().ContainSingle().Which.IsNoValue.Should().BeFalse();
    }
}
