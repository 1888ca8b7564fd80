using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Templates;

/// <summary>
/// A boundary written as an intrinsic function that always gives one string carries that string, the
/// same in JSON and in YAML (long and short form); anything that depends on the deployment carries none.
/// </summary>
[Category("Unit")]
public class ConstantIntrinsicTests
{
    private const string Prod = "arn:aws:iam::123456789012:policy/Prod";

    private static TemplateResource RoleOf(string template, string name, PseudoParameters? deployment = null) =>
        CloudFormationTemplate.Load(new SourceText(name, Encoding.UTF8.GetBytes(template)), deployment)!.Principals.Should().ContainSingle().Subject;

    private static TemplateResource JsonRole(string value, PseudoParameters? deployment = null) =>
        RoleOf($"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"PermissionsBoundary\": {value}}}}}}}}}", "t.json", deployment);

    private static TemplateResource YamlRole(string value, PseudoParameters? deployment = null) =>
        RoleOf($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: {value}\n", "t.yaml", deployment);

    public static IEnumerable<TestCaseData> Constant()
    {
        yield return new TestCaseData($"{{\"Fn::Sub\": \"{Prod}\"}}", $"!Sub {Prod}", Prod).SetName("Sub_without_variables");
        yield return new TestCaseData($"{{\"Fn::Sub\": \"{Prod}${{!Name}}\"}}", $"!Sub '{Prod}${{!Name}}'", Prod + "${Name}").SetName("Sub_with_a_literal_dollar_brace");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::${A}:policy/${P}\", {\"A\": \"123456789012\", \"P\": {\"Fn::Sub\": \"Prod\"}}]}",
            "!Sub ['arn:aws:iam::${A}:policy/${P}', {A: '123456789012', P: !Sub Prod}]", Prod).SetName("Sub_of_variables_given_as_strings");
        yield return new TestCaseData("{\"Fn::Join\": [\"\", [\"arn:aws:iam::\", \"123456789012\", \":policy/Prod\"]]}",
            "\n        Fn::Join:\n          - ''\n          - - 'arn:aws:iam::'\n            - '123456789012'\n            - :policy/Prod", Prod).SetName("Join_of_strings_long_form");
        yield return new TestCaseData("{\"Fn::Join\": [\"\", [\"arn:aws:iam::\", 123456789012, \":policy/Prod\"]]}",
            "!Join ['', ['arn:aws:iam::', 123456789012, ':policy/Prod']]", Prod).SetName("Join_with_the_account_as_a_number");
        yield return new TestCaseData($"{{\"Fn::Join\": [\":\", [{{\"Ref\": \"AWS::NoValue\"}}, \"{Prod}\"]]}}",
            $"!Join [':', [!Ref AWS::NoValue, {Prod}]]", Prod).SetName("Join_without_a_no_value_item");
        yield return new TestCaseData($"{{\"Fn::Select\": [1, [\"x\", \"{Prod}\"]]}}", $"!Select [1, [x, {Prod}]]", Prod).SetName("Select_from_strings");
        yield return new TestCaseData($"{{\"Fn::Select\": [\"0\", {{\"Fn::Split\": [\",\", \"{Prod},x\"]}}]}}", $"!Select ['0', !Split [',', '{Prod},x']]", Prod).SetName("Select_from_a_split");
        yield return new TestCaseData($"{{\"Fn::If\": [\"C\", \"{Prod}\", {{\"Fn::Sub\": \"{Prod}\"}}]}}", $"!If [C, {Prod}, !Sub '{Prod}']", Prod).SetName("If_whose_branches_agree");
    }

    [TestCaseSource(nameof(Constant))]
    public void An_intrinsic_that_always_gives_one_string_carries_it(string json, string yaml, string expected)
    {
        foreach (var role in new[] { JsonRole(json), YamlRole(yaml) })
        {
            role.Boundary.Should().Be(BoundaryKind.Intrinsic);
            role.BoundaryValue.Should().Be(expected);
        }
    }

    private static readonly PseudoParameters Deployment = PseudoParameters.Of("aws", "123456789012");

    public static IEnumerable<TestCaseData> BuiltFromPseudoParameters()
    {
        yield return new TestCaseData("{\"Fn::Sub\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/Prod\"}", "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/Prod'").SetName("Sub_of_the_pseudo_parameters");
        yield return new TestCaseData("{\"Fn::Join\": [\"\", [\"arn:\", {\"Ref\": \"AWS::Partition\"}, \":iam::\", {\"Ref\": \"AWS::AccountId\"}, \":policy/Prod\"]]}",
            "!Join ['', ['arn:', !Ref AWS::Partition, ':iam::', !Ref AWS::AccountId, ':policy/Prod']]").SetName("Join_of_refs_to_the_pseudo_parameters");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::${A}:policy/Prod\", {\"A\": {\"Ref\": \"AWS::AccountId\"}}]}",
            "!Sub ['arn:aws:iam::${A}:policy/Prod', {A: !Ref AWS::AccountId}]").SetName("Sub_of_a_variable_given_the_account");
    }

    [TestCaseSource(nameof(BuiltFromPseudoParameters))]
    public void A_value_built_from_the_account_and_partition_gives_the_deployment_s_own(string json, string yaml)
    {
        foreach (var role in new[] { JsonRole(json, Deployment), YamlRole(yaml, Deployment) })
            role.BoundaryValue.Should().Be(Prod);
        foreach (var role in new[] { JsonRole(json), YamlRole(yaml) })
        {
            role.BoundaryValue.Should().BeNull("without the env's boundary nothing tells the account");
            role.Choices.Should().BeEmpty();
        }
    }

    [Test]
    public void An_aws_managed_boundary_tells_the_partition_but_not_the_account()
    {
        var managed = PseudoParameters.Of("aws-cn", "aws");
        YamlRole("!Sub 'arn:${AWS::Partition}:iam::aws:policy/P'", managed).BoundaryValue.Should().Be("arn:aws-cn:iam::aws:policy/P");
        YamlRole("!Sub 'arn:aws:iam::${AWS::AccountId}:policy/P'", managed).Choices.Should().BeEmpty();
    }

    [Test]
    public void Under_an_aws_managed_boundary_the_account_may_be_any_other_env_s()
    {
        var managed = PseudoParameters.Of("aws", "aws", ["123456789012", "210987654321"]);
        PseudoParameters.Of("aws", "123456789012", ["210987654321"]).PossibleAccounts.Should().BeEmpty("a known account is the only one");
        foreach (var role in new[] { YamlRole("!Sub 'arn:aws:iam::${AWS::AccountId}:policy/Prod'", managed), JsonRole("{\"Fn::Join\": [\"\", [\"arn:aws:iam::\", {\"Ref\": \"AWS::AccountId\"}, \":policy/Prod\"]]}", managed) })
        {
            role.BoundaryValue.Should().BeNull("the account is not known");
            role.Choices.Should().BeEquivalentTo([Prod, "arn:aws:iam::210987654321:policy/Prod"]);
        }
    }

    [Test]
    public void A_pseudo_parameter_that_may_be_read_otherwise_may_give_the_deployment_s_value_but_not_always()
    {
        var spaced = YamlRole("!Sub 'arn:aws:iam::${ AWS::AccountId }:policy/Prod'", Deployment);
        spaced.BoundaryValue.Should().BeNull("CloudFormation may trim the name or leave it as text");
        spaced.Choices.Should().Equal(Prod);
        var overridden = YamlRole("!Sub ['arn:aws:iam::${AWS::AccountId}:policy/Prod', {'AWS::AccountId': '210987654321'}]", Deployment);
        overridden.BoundaryValue.Should().BeNull("the map or the pseudo parameter may win");
        overridden.Choices.Should().BeEquivalentTo([Prod, "arn:aws:iam::210987654321:policy/Prod"]);
        YamlRole("!Sub ['arn:aws:iam::${ AWS::AccountId }:policy/Prod', {' AWS::AccountId': '210987654321'}]", Deployment).Choices
            .Should().BeEquivalentTo([Prod, "arn:aws:iam::210987654321:policy/Prod"], "names may be trimmed on either side");
    }

    [Test]
    public void A_pseudo_parameter_that_is_a_string_is_one_item_of_a_list() =>
        YamlRole($"!Select [1, [!Ref AWS::Region, {Prod}]]").BoundaryValue.Should().Be(Prod);

    [Test]
    public void The_strings_an_fn_if_may_give_are_its_choices()
    {
        const string dev = "arn:aws:iam::123456789012:policy/Dev";
        foreach (var role in new[] { JsonRole($"{{\"Fn::If\": [\"C\", \"{Prod}\", {{\"Fn::If\": [\"D\", {{\"Fn::Sub\": \"{dev}\"}}, {{\"Ref\": \"B\"}}]}}]}}"), YamlRole($"!If [C, {Prod}, !If [D, !Sub '{dev}', !Ref B]]") })
        {
            role.BoundaryValue.Should().BeNull();
            role.Choices.Should().Equal(Prod, dev);
        }
        JsonRole($"{{\"Fn::Sub\": \"{Prod}\"}}").Choices.Should().Equal(Prod);
        JsonRole("{\"Ref\": \"B\"}").Choices.Should().BeEmpty();
    }

    [TestCase("[0, [\"" + Prod + "\", {\"Ref\": \"X\"}]]", Prod)]
    [TestCase("[1, [{\"Fn::Sub\": \"${X}\"}, \"" + Prod + "\"]]", Prod)]
    [TestCase("[1, [{\"Ref\": \"X\"}, \"" + Prod + "\"]]", null)]
    [TestCase("[1, [{\"Fn::If\": [\"C\", \"a\", {\"Ref\": \"AWS::NoValue\"}]}, \"" + Prod + "\"]]", null)]
    [TestCase("[1, [{\"Fn::GetAtt\": [\"R\", \"A\"]}, \"" + Prod + "\"]]", null)]
    public void Select_needs_only_the_items_up_to_its_index_and_those_only_as_one_item_each(string arguments, string? expected) =>
        JsonRole($"{{\"Fn::Select\": {arguments}}}").BoundaryValue.Should().Be(expected);

    private const string Dev = "arn:aws:iam::123456789012:policy/Dev";

    [TestCase("!Join ['', [!If [C, " + Prod + ", " + Dev + "]]]")]
    [TestCase("!Join ['', ['arn:aws:iam::123456789012:policy/', !If [C, Prod, Dev]]]")]
    [TestCase("!Sub ['${X}', {X: !If [C, " + Prod + ", " + Dev + "]}]")]
    [TestCase("!Sub ['arn:aws:iam::123456789012:policy/${N}', {N: !If [C, Prod, Dev]}]")]
    [TestCase("!Select [0, [!If [C, " + Prod + ", " + Dev + "]]]")]
    [TestCase("!Select [0, !If [C, [" + Prod + "], [" + Dev + "]]]")]
    [TestCase("!Select [!If [C, 0, 1], [" + Prod + ", " + Dev + "]]")]
    [TestCase("!If [C, !If [D, !Sub '" + Prod + "', !Ref B], " + Dev + "]")]
    public void An_fn_if_anywhere_in_the_value_gives_the_strings_of_each_branch(string value)
    {
        var role = YamlRole(value);
        role.BoundaryValue.Should().BeNull();
        role.Choices.Should().BeEquivalentTo([Prod, Dev]);
    }

    [TestCase("!Join [!If [C, '', '/'], ['arn:aws:iam::123456789012:policy', Prod]]")]
    [TestCase("!Select [0, !Split [!If [C, ',', ';'], 'arn:aws:iam::123456789012:policy/Prod,x']]")]
    public void A_delimiter_given_by_an_fn_if_gives_what_each_branch_makes(string value) =>
        YamlRole(value).Choices.Should().Contain(Prod).And.HaveCount(2);

    [Test]
    public void What_an_fn_if_inside_a_function_may_give()
    {
        YamlRole($"!Join [!Select [0, ['', x]], ['arn:aws:iam::123456789012:policy/', Prod]]").BoundaryValue.Should().Be(Prod, "a delimiter given by a function");
        YamlRole($"!Join ['', !Split [!Sub ',', 'arn:aws:iam::123456789012:policy/,Prod']]").BoundaryValue.Should().Be(Prod, "a split by a delimiter given by a function");
        YamlRole($"!Join ['', [!If [C, {Prod}, {Prod}]]]").BoundaryValue.Should().Be(Prod, "both branches agree");
        var partly = YamlRole($"!Join ['', [!If [C, {Prod}, !Ref X]]]");
        partly.BoundaryValue.Should().BeNull();
        partly.Choices.Should().Equal(Prod);
        YamlRole("!Join [',', [a, !If [C, b, !Ref AWS::NoValue]]]").Choices.Should().BeEquivalentTo(["a,b", "a"], "an item that may be AWS::NoValue may be taken out");
        YamlRole($"!If [C, {Dev}, !Ref AWS::NoValue]").BoundaryValue.Should().BeNull("a condition may leave the role without a boundary");
    }

    [Test]
    public void A_value_of_many_paths_is_evaluated_at_once_and_gives_up_past_its_limits()
    {
        // Each Select's index may be 0 or 3, each choosing a nested Select: 2^20 paths through one shared
        // term (a template's aliases can share values so; written out, it would be 4^20 ARNs long).
        var term = (IntrinsicTerm)new IntrinsicTerm.Text(Prod);
        for (var i = 0; i < 20; i++)
        {
            var index = new IntrinsicTerm.Function("Fn::If", new IntrinsicTerm.List([new IntrinsicTerm.Text("A"), new IntrinsicTerm.Number("0"), new IntrinsicTerm.Number("3")]));
            term = new IntrinsicTerm.Function("Fn::Select", new IntrinsicTerm.List([index, new IntrinsicTerm.List([term, term, term, term])]));
        }
        var (always, choices, exceeded) = ConstantIntrinsic.Read(term);
        exceeded.Should().BeTrue("the evaluation stopped at its step limit, before it was done");
        always.Should().BeNull();
        choices.Count.Should().BeLessThanOrEqualTo(ConstantIntrinsic.MaxOutcomes);
    }

    [TestCase("!Select [0, [!If [C, " + Dev + ", !Ref AWS::NoValue], " + Prod + "]]")]
    [TestCase("!Select [1, [!If [C, x, !Ref AWS::NoValue], " + Dev + ", " + Prod + "]]")]
    [TestCase("!Select [!Ref Index, [" + Dev + ", " + Prod + "]]")]
    [TestCase("!Select [0x1, [" + Dev + ", " + Prod + "]]")]
    [TestCase("!Sub ['arn:aws:iam::123456789012:policy/${A}', {A: Prod, A: Dev}]")]
    [TestCase("!Sub ['arn:aws:iam::123456789012:policy/${A}', {<<: {A: Prod}, A: Dev}]")]
    public void A_value_that_may_give_either_string_gives_both_as_choices(string value)
    {
        var role = YamlRole(value);
        role.BoundaryValue.Should().BeNull();
        role.Choices.Should().Contain([Prod, Dev]);
    }

    [Test]
    public void A_value_that_may_give_more_strings_than_the_limit_is_refused_as_too_complex()
    {
        var optional = string.Concat(Enumerable.Range(0, 7).Select(i => $", !If [C{i}, '', !Ref AWS::NoValue]"));
        YamlRole($"!Join ['', [{Prod}{optional}]]").BoundaryValue.Should().Be(Prod, "2^7 lists, one string");
        var many = string.Concat(Enumerable.Range(0, 7).Select(i => $", !If [C{i}, '', ' ']"));
        FluentActions.Invoking(() => YamlRole($"!Join ['', [{Prod}{many}]]")).Should().Throw<BoundaryException>().Which.Message.Should().Contain("too complex to check");
    }

    [TestCase("{\"Fn::Sub\": [\"a\"]}")]
    [TestCase("{\"Fn::Base64\": [\"a\", \"b\"]}")]
    [TestCase("{\"Fn::Join\": [[\"a\"], []]}")]
    public void A_malformed_function_before_the_selected_item_is_not_one_item(string malformed) =>
        JsonRole($"{{\"Fn::Select\": [1, [{malformed}, \"{Prod}\"]]}}").BoundaryValue.Should().BeNull();

    [Test]
    public void An_alias_is_followed()
    {
        var template = $"Metadata:\n  B: &b !Sub {Prod}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: *b\n";
        RoleOf(template, "t.yaml").BoundaryValue.Should().Be(Prod);
    }

    public static IEnumerable<TestCaseData> Variable()
    {
        yield return new TestCaseData("{\"Fn::Sub\": \"arn:aws:iam::${AWS::AccountId}:policy/Prod\"}", "!Sub 'arn:aws:iam::${AWS::AccountId}:policy/Prod'").SetName("Sub_of_a_pseudo_parameter");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::${A}:policy/Prod\", {\"A\": {\"Ref\": \"Account\"}}]}", "!Sub ['arn:aws:iam::${A}:policy/Prod', {A: !Ref Account}]").SetName("Sub_of_a_variable_given_a_parameter");
        yield return new TestCaseData("{\"Fn::Sub\": \"arn:aws:iam::${A:policy/Prod\"}", "!Sub 'arn:aws:iam::${A:policy/Prod'").SetName("Sub_with_an_unclosed_variable");
        yield return new TestCaseData($"{{\"Fn::If\": [\"C\", \"{Prod}\", \"arn:aws:iam::123456789012:policy/Dev\"]}}", $"!If [C, {Prod}, 'arn:aws:iam::123456789012:policy/Dev']").SetName("If_whose_branches_differ");
        yield return new TestCaseData($"{{\"Fn::If\": [\"C\", \"{Prod}\", {{\"Ref\": \"AWS::NoValue\"}}]}}", $"!If [C, {Prod}, !Ref AWS::NoValue]").SetName("If_with_no_value_in_a_branch");
        yield return new TestCaseData("{\"Ref\": \"Boundary\"}", "!Ref Boundary").SetName("Ref_of_a_parameter");
        yield return new TestCaseData($"{{\"Fn::Select\": [2, [\"x\", \"{Prod}\"]]}}", $"!Select [2, [x, {Prod}]]").SetName("Select_past_the_end");
        yield return new TestCaseData($"{{\"Fn::Select\": [{{\"Ref\": \"I\"}}, [\"x\", \"{Prod}\"]]}}", $"!Select [!Ref I, [x, {Prod}]]").SetName("Select_of_a_parameter_index");
        yield return new TestCaseData("{\"Fn::Join\": [\"\", [\"arn:aws:iam::\", {\"Ref\": \"AWS::AccountId\"}, \":policy/Prod\"]]}", "!Join ['', ['arn:aws:iam::', !Ref AWS::AccountId, ':policy/Prod']]").SetName("Join_with_a_pseudo_parameter");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::123456789012:policy/${ N }\", {\" N \": \"Prod\"}]}", "!Sub ['arn:aws:iam::123456789012:policy/${ N }', {' N ': Prod}]").SetName("Sub_of_a_name_with_spaces");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::123456789012:policy/${N}\", {\"N\": \"Dev\", \"\\u004e\": \"Prod\"}]}", "!Sub ['arn:aws:iam::123456789012:policy/${N}', {N: Dev, \"\\x4e\": Prod}]").SetName("Sub_of_a_name_given_twice");
        yield return new TestCaseData("{\"Fn::Sub\": [\"arn:aws:iam::${AWS::AccountId}:policy/Prod\", {\"AWS::AccountId\": \"123456789012\"}]}", "!Sub ['arn:aws:iam::${AWS::AccountId}:policy/Prod', {'AWS::AccountId': '123456789012'}]").SetName("Sub_of_a_pseudo_parameter_the_map_also_gives");
        yield return new TestCaseData("{\"Fn::Sub\": [\"${A.B}\", {\"A.B\": \"arn:aws:iam::123456789012:policy/Prod\"}]}", "!Sub ['${A.B}', {A.B: 'arn:aws:iam::123456789012:policy/Prod'}]").SetName("Sub_of_an_attribute_the_map_also_gives");
        yield return new TestCaseData($"{{\"Fn::Base64\": \"{Prod}\"}}", $"!Base64 {Prod}").SetName("Base64_is_not_evaluated");
        yield return new TestCaseData($"{{\"Fn::ImportValue\": \"{Prod}\"}}", $"!ImportValue {Prod}").SetName("ImportValue");
    }

    [TestCaseSource(nameof(Variable))]
    public void An_intrinsic_that_depends_on_the_deployment_carries_no_value(string json, string yaml)
    {
        foreach (var role in new[] { JsonRole(json), YamlRole(yaml) })
        {
            role.Boundary.Should().Be(BoundaryKind.Intrinsic);
            role.BoundaryValue.Should().BeNull();
        }
    }

    [Test]
    public void A_number_a_yaml_reader_could_read_otherwise_is_not_taken_as_its_digits()
    {
        // YAML 1.1 reads 0123 as 83, YAML 1.2 as 123.
        YamlRole("!Join ['', ['arn:aws:iam::', 0123, ':policy/Prod']]").BoundaryValue.Should().BeNull();
        YamlRole("!Join ['', ['arn:aws:iam::', 0x1F, ':policy/Prod']]").BoundaryValue.Should().BeNull();
    }

    [Test]
    public void A_value_nested_deeper_than_the_limit_is_refused_as_too_complex()
    {
        // Each Fn::Select nests its argument list, the list it selects from and then the item: three terms deeper.
        static string Nested(int times)
        {
            var value = $"\"{Prod}\"";
            for (var i = 0; i < times; i++)
                value = $"{{\"Fn::Select\": [0, [{value}]]}}";
            return value;
        }
        JsonRole(Nested(IntrinsicTerm.MaxDepth / 3)).BoundaryValue.Should().Be(Prod, "within the limit");
        FluentActions.Invoking(() => JsonRole(Nested((IntrinsicTerm.MaxDepth / 3) + 1))).Should().Throw<BoundaryException>()
            .Which.Message.Should().Contain("t.json:1:").And.Contain("too complex to check");
    }

    [Test]
    public void Aliases_that_make_a_huge_tree_are_refused_at_once()
    {
        // 2^30 paths through 30 anchors (fewer than the 32 levels past which a value counts as none and is
        // refused): read term by term, that would never end.
        var anchors = string.Concat(Enumerable.Range(1, 30).Select(i => $"  a{i}: &a{i} !If [C, *a{i - 1}, *a{i - 1}]\n"));
        var template = $"Metadata:\n  a0: &a0 {Prod}\n{anchors}Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: *a30\n";
        FluentActions.Invoking(() => RoleOf(template, "t.yaml")).Should().Throw<BoundaryException>().Which.Message.Should().Contain("too complex to check");
    }

    [Test]
    public void Globals_boundary_of_a_constant_intrinsic_reaches_the_function()
    {
        var template = $"Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: !Sub {Prod}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n";
        var function = RoleOf(template, "t.yaml");
        function.FromGlobals.Should().BeTrue();
        function.BoundaryValue.Should().Be(Prod);
    }
}
