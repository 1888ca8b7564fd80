using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A PermissionsBoundary that CloudFormation reads as no boundary (AWS::NoValue, an empty Fn::Sub or
/// Fn::Join) or that is no ARN and no intrinsic function is refused with file:line:column: before, such a
/// role passed verify as "kept" and got no boundary from pre-push. A merge key tagged !!merge is a merge key.
/// </summary>
[Category("Unit")]
public class UnboundableBoundaryTests
{
    private const string Policy = "{\"Version\": \"2012-10-17\", \"Statement\": []}";

    [TestCase("{\"Ref\": \"AWS::NoValue\"}", "AWS::NoValue")]
    [TestCase("{\"Fn::Transform\": {\"Name\": \"M\"}}", "a macro decides it")]
    [TestCase("{\"Fn::Sub\": \"\"}", "empty Fn::Sub")]
    [TestCase("{\"Fn::Sub\": [\"\", {}]}", "empty Fn::Sub")]
    [TestCase("{\"Fn::Join\": [\"\", []]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\"\", [\"\"]]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\",\", [\"\"]]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\"\", [\"\", \"\"]]}", "Fn::Join of nothing")]
    [TestCase("[]", "a list")]
    [TestCase("{}", "not one intrinsic")]
    [TestCase("42", "a number")]
    [TestCase("true", "a true")]
    [TestCase("{\"Arn\": \"arn:aws:iam::123456789012:policy/B\"}", "not an intrinsic function")]
    [TestCase("{\"Fn::Join\": [\"\", [{\"Ref\": \"AWS::NoValue\"}]]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\",\", [{\"Ref\": \"AWS::NoValue\"}, \"\"]]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::If\": [\"C\", {\"Ref\": \"AWS::NoValue\"}, {\"Ref\": \"AWS::NoValue\"}]}", "Fn::If that gives no value")]
    [TestCase("{\"Fn::If\": [\"C\", \"\", {\"Fn::If\": [\"D\", {\"Fn::Sub\": \"\"}, null]}]}", "Fn::If that gives no value")]
    [TestCase("{\"Fn::Select\": [0, [\"\"]]}", "Fn::Select that gives no value")]
    [TestCase("{\"Fn::Select\": [{\"Ref\": \"I\"}, [\"\", {\"Ref\": \"AWS::NoValue\"}]]}", "Fn::Select that gives no value")]
    [TestCase("{\"Fn::Sub\": [\"${X}${Y}\", {\"X\": \"\", \"Y\": {\"Ref\": \"AWS::NoValue\"}}]}", "Fn::Sub that gives no value")]
    [TestCase("{\"Fn::Sub\": \"${AWS::NoValue}\"}", "Fn::Sub that gives no value")]
    [TestCase("{\"Fn::Sub\": [\"${AWS::NoValue}${X}\", {\"X\": \"\"}]}", "Fn::Sub that gives no value")]
    [TestCase("{\"Fn::Base64\": \"\"}", "Fn::Base64 that gives no value")]
    [TestCase("{\"Fn::Join\": [\"\", [{\"Fn::Base64\": \"\"}]]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Select\": [0, {\"Fn::Split\": [\",\", \"\"]}]}", "Fn::Select that gives no value")]
    [TestCase("{\"Fn::Select\": [0, {\"Fn::Split\": [\",\", {\"Fn::Base64\": \"\"}]}]}", "Fn::Select that gives no value")]
    [TestCase("{\"Fn::Join\": [\"\", {\"Fn::Split\": [\",\", \"\"]}]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\"x\", {\"Fn::Split\": [\",\", {\"Ref\": \"AWS::NoValue\"}]}]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Join\": [\",\", {\"Fn::If\": [\"C\", [], [\"\"]]}]}", "Fn::Join of nothing")]
    [TestCase("{\"Fn::Select\": [0, {\"Fn::If\": [\"C\", [\"\"], {\"Fn::Split\": [\",\", \"\"]}]}]}", "Fn::Select that gives no value")]
    [TestCase("{\"Fn::Base64\": {\"Fn::Join\": [\"-\", {\"Fn::Split\": [\"a\", \"\"]}]}}", "Fn::Base64 that gives no value")]
    public void Json_boundary_that_cannot_bound_the_role_is_refused_with_a_position(string value, string reason)
    {
        var template = $"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"AssumeRolePolicyDocument\": {Policy},\n \"PermissionsBoundary\": {value}}}}}}}}}";
        var refused = Refusal(template);
        refused.Message.Should().Contain("t:2:").And.Contain("PermissionsBoundary of R").And.Contain(reason);
        refused.ExitCode.Should().Be(ExitCodes.ProjectOrFile);
    }

    [TestCase("!Ref AWS::NoValue", "AWS::NoValue")]
    [TestCase("\n        Ref: AWS::NoValue", "AWS::NoValue")]
    [TestCase("{Ref: AWS::NoValue}", "AWS::NoValue")]
    [TestCase("!Sub ''", "empty !Sub")]
    [TestCase("!Join ['', []]", "!Join of nothing")]
    [TestCase("!Join ['', ['']]", "!Join of nothing")]
    [TestCase("!Join [',', [\"\"]]", "!Join of nothing")]
    [TestCase("\n        Fn::Join: ['', ['', '']]", "Fn::Join of nothing")]
    [TestCase("\n        Fn::Join: ['', []]", "Fn::Join of nothing")]
    [TestCase("[]", "a list")]
    [TestCase("{}", "not one intrinsic")]
    [TestCase("!!int 5", "not a policy ARN")]
    [TestCase("!Join ['', [!Ref AWS::NoValue]]", "!Join of nothing")]
    [TestCase("!If [C, !Ref AWS::NoValue, !Ref AWS::NoValue]", "!If that gives no value")]
    [TestCase("!If [C, '', !If [D, !Sub '', ~]]", "!If that gives no value")]
    [TestCase("!Select [0, ['']]", "!Select that gives no value")]
    [TestCase("\n        Fn::Select: [0, ['', !Ref AWS::NoValue]]", "Fn::Select that gives no value")]
    [TestCase("!Sub ['${X}', {X: ''}]", "!Sub that gives no value")]
    [TestCase("!Sub '${AWS::NoValue}'", "!Sub that gives no value")]
    [TestCase("!Base64 ''", "!Base64 that gives no value")]
    [TestCase("!Join ['', [!Base64 '']]", "!Join of nothing")]
    [TestCase("!Select [0, !Split [',', '']]", "!Select that gives no value")]
    [TestCase("\n        Fn::Select: [0, {Fn::Split: [',', !Sub '']}]", "Fn::Select that gives no value")]
    [TestCase("!Join ['', !Split [',', '']]", "!Join of nothing")]
    [TestCase("!Transform {Name: M}", "a macro decides it")]
    [TestCase("\n        Fn::Transform: {Name: M}", "a macro decides it")]
    [TestCase("!Select [0, !If [C, [''], ['']]]", "!Select that gives no value")]
    [TestCase("!Join [',', {Fn::If: [C, [], !Split [x, '']]}]", "!Join of nothing")]
    public void Yaml_boundary_that_cannot_bound_the_role_is_refused_with_a_position(string value, string reason)
    {
        var template = $"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {{}}\n      PermissionsBoundary: {value}\n";
        var refused = Refusal(template);
        refused.Message.Should().MatchRegex(@"^t:(6|7):\d+: ", "the value is on line 6, or on line 7 when it is a block mapping").And.Contain("PermissionsBoundary of R").And.Contain(reason);
    }

    // Aliases can share one node many times over: each is judged once (40 levels took longer than any
    // run: 2^40 paths), and a value deeper than any written by hand is refused, not kept.
    [TestCase(20)]
    [TestCase(40)]
    public void A_boundary_made_of_aliases_many_levels_deep_is_judged_at_once_and_refused(int levels)
    {
        var anchors = string.Concat(Enumerable.Range(1, levels).Select(i => $"  a{i}: &a{i} !If [C, *a{i - 1}, *a{i - 1}]\n"));
        var template = $"Metadata:\n  a0: &a0 ''\n{anchors}Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: *a{levels}\n";

        Refusal(template).Message.Should().Contain("PermissionsBoundary of R");
    }

    [Test]
    public void A_boundary_too_deep_to_tell_whether_it_gives_a_value_is_refused_as_such()
    {
        // Each level selects the one below twice over: the value is the ARN, 18 levels down.
        var anchors = string.Concat(Enumerable.Range(1, 17).Select(i => $"  a{i}: &a{i} [!Select [0, *a{i - 1}], !Select [0, *a{i - 1}]]\n"));
        var template = $"Metadata:\n  a0: &a0 [arn:aws:iam::123456789012:policy/B, x]\n{anchors}Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: !Select [1, *a17]\n";

        Refusal(template).Message.Should().Contain("PermissionsBoundary of R").And.Contain("nested too deeply to tell whether it gives a value").And.NotContain("gives no value whichever");
    }

    [Test]
    public void Sam_globals_boundary_of_no_value_is_refused()
    {
        var template = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: !Ref AWS::NoValue\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n";
        Refusal(template).Message.Should().Contain("Globals.Function");
    }

    [TestCase("{\"Fn::If\": [\"C\", \"arn:aws:iam::123456789012:policy/B\", {\"Ref\": \"AWS::NoValue\"}]}")]
    [TestCase("{\"Ref\": \"BoundaryParameter\"}")]
    [TestCase("{\"Fn::Sub\": \"arn:aws:iam::${AWS::AccountId}:policy/B\"}")]
    [TestCase("{\"Fn::ImportValue\": \"Boundary\"}")]
    [TestCase("{\"Fn::Base64\": {\"Ref\": \"BoundaryParameter\"}}")]
    [TestCase("{\"Fn::Select\": [0, {\"Fn::Split\": [\",\", {\"Ref\": \"Boundaries\"}]}]}")]
    [TestCase("{\"Fn::Sub\": [\"${AWS::NoValue}${B}\", {\"B\": {\"Ref\": \"BoundaryParameter\"}}]}")]
    [TestCase("{\"Fn::Join\": [\"\", {\"Fn::Split\": [\",\", {\"Ref\": \"Boundaries\"}]}]}")]
    [TestCase("{\"Fn::Select\": [0, {\"Fn::If\": [\"C\", [\"\"], [\"arn:aws:iam::123456789012:policy/B\"]]}]}")]
    public void A_boundary_a_person_wrote_as_an_intrinsic_function_is_kept(string value)
    {
        var template = $"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"PermissionsBoundary\": {value}}}}}}}}}";
        var role = CloudFormationTemplate.Load(new SourceText("t", Encoding.UTF8.GetBytes(template)))!.Principals.Should().ContainSingle().Subject;
        role.Boundary.Should().Be(BoundaryKind.Intrinsic);
    }

    [TestCase("!!merge <<: *m")]
    [TestCase("? !!merge <<\n  : *m")]
    public void Tagged_merge_key_bringing_a_role_into_resources_is_refused(string merge)
    {
        var template = $"Metadata: &m\n  EvilRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {{}}\nResources:\n  {merge}\n  Bucket:\n    Type: AWS::S3::Bucket\n";
        Refusal(template).Message.Should().Contain("t:7:");
    }

    private static BoundaryException Refusal(string template)
    {
        var load = () => CloudFormationTemplate.Load(new SourceText("t", Encoding.UTF8.GetBytes(template)));
        return load.Should().Throw<BoundaryException>().Which;
    }
}
