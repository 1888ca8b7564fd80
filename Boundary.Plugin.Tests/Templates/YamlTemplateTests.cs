using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class YamlTemplateTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Boundary";

    private static CloudFormationTemplate Load(string text, string path = "t.yaml") =>
        CloudFormationTemplate.Load(new SourceText(path, Encoding.UTF8.GetBytes(text)))!;

    private static (string Output, TemplatePlan Plan) Inject(string text, string arn = Arn)
    {
        var template = Load(text);
        template.Should().BeOfType<YamlTemplate>();
        var plan = BoundaryInjector.Plan(template, arn, new InjectionOptions());
        var output = Encoding.UTF8.GetString(plan.Apply());
        RemoveAll(output, arn, plan.Outcomes.Count(o => o.Action == PrincipalAction.Injected)).Should().Be(text, "removing what was added gives back the input");
        return (output, plan);
    }

    /// <summary>Removes every boundary the injected file's roles hold, as many as were added (those are the ones without one before).</summary>
    private static string RemoveAll(string injected, string arn, int count)
    {
        if (count == 0)
            return injected;
        var before = Load(injected);
        var edits = before.Principals.Where(p => p.Boundary == BoundaryKind.Literal && p.BoundaryValue == arn).Take(count).Select(before.RemoveBoundary).ToList();
        return Encoding.UTF8.GetString(TextEdit.Apply(before.Source.Bytes, edits));
    }

    private static string BoundaryOf(string yaml, string logicalId)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var resource = (YamlMappingNode)((YamlMappingNode)root["Resources"])[logicalId];
        return ((YamlScalarNode)((YamlMappingNode)resource["Properties"])["PermissionsBoundary"]).Value!;
    }

    [Test]
    public void Adds_the_boundary_first_in_Properties_with_the_keys_indentation()
    {
        var input = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n";
        Inject(input).Output.Should().Be(input.Replace("      RoleName", $"      PermissionsBoundary: {Arn}\n      RoleName"));
    }

    [Test]
    public void Short_form_tags_parse_and_stay()
    {
        var input = """
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Role:
                Type: 'AWS::IAM::Role'
                Properties:
                  RoleName: !Sub '${AWS::StackName}-role'
                  AssumeRolePolicyDocument: !If [IsProd, !GetAtt X.Arn, !Ref AWS::NoValue]
                  Policies: !Split [",", !ImportValue Y]
            """;
        var (output, plan) = Inject(input);
        plan.Outcomes.Should().ContainSingle(o => o.Action == PrincipalAction.Injected);
        output.Should().Contain($"      PermissionsBoundary: {Arn}\n      RoleName: !Sub");
    }

    [Test]
    public void Kinds_of_existing_boundaries()
    {
        var input = """
            Resources:
              A: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: !If [C, x, !Ref AWS::NoValue]}}
              B:
                Type: "AWS::IAM::Role"
                Properties:
                  PermissionsBoundary: 'arn:aws:iam::123456789012:policy/Mine'
              C:
                Type: AWS::IAM::Role
                Properties:
                  PermissionsBoundary:
                    Fn::If: [C, x, y]
              S: {Type: AWS::IAM::ServiceLinkedRole, Properties: {AWSServiceName: x}}
              U: {Type: AWS::IAM::User}
            """;
        var template = Load(input);
        template.Principals.Select(p => (p.LogicalId, p.Boundary, p.BoundaryValue)).Should().Equal(
            ("A", BoundaryKind.Intrinsic, null), ("B", BoundaryKind.Literal, "arn:aws:iam::123456789012:policy/Mine"),
            ("C", BoundaryKind.Intrinsic, null), ("S", BoundaryKind.None, null), ("U", BoundaryKind.None, null));
        Inject(input).Output.Should().Be(input);
    }

    [Test]
    public void Reports_positions_in_characters_after_unicode()
    {
        var input = "\uFEFFDescription: \"héllo 😀\"\nResources:\n  Role: {Type: AWS::IAM::Role, Properties: {A: 1}}\n";
        var template = Load(input);
        template.Principals[0].Should().Match<TemplateResource>(p => p.Line == 3 && p.Column == 3);
        Inject(input).Output.Should().Be(input.Replace("{A: 1}", $"{{PermissionsBoundary: '{Arn}', A: 1}}"));
    }

    [TestCase("arn:aws:iam::123456789012:policy/a'b/P")]
    [TestCase("arn:aws:iam::123456789012:policy/a\"b/P")]
    [TestCase("arn:aws:iam::123456789012:policy/a #b/P")]
    [TestCase("arn:aws:iam::123456789012:policy/a: b/P")]
    [TestCase("arn:aws:iam::123456789012:policy/a\\b/P")]
    [TestCase("arn:aws:iam::123456789012:policy/{a}[b]/P")]
    [TestCase("arn:aws:iam::123456789012:policy/*&!%@`|>/P")]
    [TestCase("arn:aws:iam::123456789012:policy/a,b/P")]
    [TestCase("-arn:aws:iam::123456789012:policy/P")]
    [TestCase("'arn'")]
    [TestCase("true")]
    [TestCase("123")]
    [TestCase("a:")]
    [TestCase("? x")]
    [TestCase("arn:aws:iam::123456789012:policy/ ~ /P ")]
    [TestCase("tab\tand\nnewline")]
    public void Writes_any_arn_so_yaml_reads_it_back_exactly(string arn)
    {
        var block = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      X: 1\n";
        var flow = "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {X: 1}}\n";
        var none = "Resources:\n  R:\n    Type: AWS::IAM::Role\n";
        var flowNone = "Resources:\n  R: {Type: AWS::IAM::Role}\n";
        foreach (var input in new[] { block, flow, none, flowNone })
            BoundaryOf(Inject(input, arn).Output, "R").Should().Be(arn, input);
    }

    [TestCase("Resources:\n  R: {Type: &t AWS::IAM::Role}\n", "Resources:\n  R: {Properties: {PermissionsBoundary: 'ARN'}, Type: &t AWS::IAM::Role}\n")]
    [TestCase("Resources:\n  R: {Type: AWS::IAM::Role, RoleName: !Sub &n 'r'}\n", "Resources:\n  R: {Properties: {PermissionsBoundary: 'ARN'}, Type: AWS::IAM::Role, RoleName: !Sub &n 'r'}\n")]
    [TestCase("Resources:\n  R: {\n    Type: &t AWS::IAM::Role\n  }\n", "Resources:\n  R: {Properties: {PermissionsBoundary: 'ARN'},\n    Type: &t AWS::IAM::Role\n  }\n")]
    [TestCase("Resources:\n  R: {Type: AWS::IAM::Role, Tags: [&t x]}\n", "Resources:\n  R: {Type: AWS::IAM::Role, Tags: [&t x], Properties: {PermissionsBoundary: 'ARN'}}\n")]
    public void A_flow_resource_whose_last_value_is_an_anchored_scalar_gets_its_properties_first_so_that_it_reads_back(string input, string expected)
    {
        // YamlDotNet refuses an anchored scalar followed by another entry in a flow mapping: written last,
        // Properties would make a file that this tool (and every later push) cannot read.
        var (output, _) = Inject(input);

        output.Should().Be(expected.Replace("ARN", Arn));
        Load(output).Principals.Should().ContainSingle().Which.BoundaryValue.Should().Be(Arn);
    }

    [TestCase("---\nResources:\n  R:\n    Type: AWS::IAM::Role\n")]
    [TestCase("%YAML 1.2\n---\nResources:\n  R:\n    Type: AWS::IAM::Role\n...\n# the end\n")]
    [TestCase("--- # one\nResources: {R: {Type: AWS::IAM::Role}}\n...\n")]
    public void Document_markers_around_one_document_are_one_document(string input) =>
        Load(input).Principals.Should().ContainSingle().Which.LogicalId.Should().Be("R");

    // Logical ids are checked over the whole document before the principals are read one by one: the
    // first problem in the file is still the one reported.
    [TestCase("Resources:\n  A:\n    Type: AWS::IAM::Role\n    Type: AWS::IAM::Role\n  B: {Type: AWS::S3::Bucket}\n  B: {Type: AWS::IAM::Role}\n", "t.yaml:4:5: 'Type' appears twice in A")]
    [TestCase("Resources:\n  B: {Type: AWS::S3::Bucket}\n  B: {Type: AWS::IAM::Role}\n  A:\n    Type: AWS::IAM::Role\n    Type: AWS::IAM::Role\n", "t.yaml:3:3: 'B' appears twice in Resources")]
    [TestCase("Resources:\n  A: {Type: AWS::IAM::Role, Properties: !If [C, x, y]}\n  A: {Type: AWS::S3::Bucket}\n", "t.yaml:2:49: a branch of the Fn::If at the Properties of A")]
    public void The_first_problem_in_file_order_is_the_one_reported(string input, string expected)
    {
        var loading = () => Load(input);

        loading.Should().Throw<BoundaryException>().Which.Message.Should().StartWith(expected);
    }

    [Test]
    public void Plain_only_when_arn_shaped()
    {
        Inject("Resources:\n  R:\n    Type: AWS::IAM::Role\n", "arn:aws-cn:iam::aws:policy/a/b=c,d+e@f_g.h-i/N").Output
            .Should().EndWith("PermissionsBoundary: arn:aws-cn:iam::aws:policy/a/b=c,d+e@f_g.h-i/N\n");
        Inject("Resources:\n  R:\n    Type: AWS::IAM::Role\n", "arn:aws:iam::1:policy/it's/N").Output
            .Should().EndWith("PermissionsBoundary: 'arn:aws:iam::1:policy/it''s/N'\n");
    }

    [Test]
    public void Replaces_a_literal_in_its_context()
    {
        var input = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: \"old\" # mine\n  F: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: old}}\n";
        var template = Load(input);
        var edits = template.Principals.Select(p => template.ReplaceBoundary(p, Arn)).ToList();
        Encoding.UTF8.GetString(TextEdit.Apply(template.Source.Bytes, edits)).Should().Be(
            $"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: {Arn} # mine\n  F: {{Type: AWS::IAM::Role, Properties: {{PermissionsBoundary: '{Arn}'}}}}\n");
    }

    [Test]
    public void Null_Properties_get_the_boundary()
    {
        var empty = Load("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: # none yet\n    DependsOn: X\n");
        Encoding.UTF8.GetString(TextEdit.Apply(empty.Source.Bytes, [empty.AddBoundary(empty.Principals[0], Arn)]))
            .Should().Be($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: # none yet\n      PermissionsBoundary: {Arn}\n    DependsOn: X\n");
        var explicitNull = Load("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: ~\n");
        var output = Encoding.UTF8.GetString(TextEdit.Apply(explicitNull.Source.Bytes, [explicitNull.AddBoundary(explicitNull.Principals[0], Arn)]));
        output.Should().Be($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {{PermissionsBoundary: '{Arn}'}}\n");
    }

    [Test]
    public void Merge_keys_are_followed_and_never_edited()
    {
        var input = """
            Mappings:
              Base: &base
                PermissionsBoundary: arn:aws:iam::123456789012:policy/Shared
                Path: /
            Resources:
              R:
                Type: AWS::IAM::Role
                Properties:
                  <<: *base
                  RoleName: r
              Q: &q
                Type: AWS::IAM::Role
                Properties:
                  RoleName: q
              Q2: *q
            """;
        var template = Load(input);
        template.Principals.Select(p => (p.LogicalId, p.Boundary)).Should().Equal(("R", BoundaryKind.Literal), ("Q", BoundaryKind.None));
        var act = () => template.RemoveBoundary(template.Principals[0]);
        act.Should().Throw<BoundaryException>().WithMessage("t.yaml:3:5:*merge key*");
        Inject(input).Output.Should().Contain($"      PermissionsBoundary: {Arn}\n      RoleName: q");
    }

    [Test]
    public void Not_a_template_without_Resources_of_mappings_with_a_Type()
    {
        CloudFormationTemplate.Load(new SourceText("a.yml", "AWS::IAM::Role: 1\n"u8.ToArray())).Should().BeNull();
        CloudFormationTemplate.Load(new SourceText("a.yml", "Resources:\n  A: {Kind: AWS::IAM::Role}\n"u8.ToArray())).Should().BeNull();
        CloudFormationTemplate.Load(new SourceText("a.yml", "- Resources\n"u8.ToArray())).Should().BeNull();
        CloudFormationTemplate.Load(new SourceText("a.yml", "# nothing\n"u8.ToArray())).Should().BeNull();
    }

    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: [a\n  S: 1\n", "bad.yaml:*invalid YAML*")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: 'a\n", "bad.yaml:4:17: invalid YAML*")]
    [TestCase("Resources:\n  R: x: y\n", "bad.yaml:2:*invalid YAML*")]
    public void Malformed_yaml_names_line_and_column(string text, string message)
    {
        var act = () => CloudFormationTemplate.Load(new SourceText("bad.yaml", Encoding.UTF8.GetBytes(text)));
        act.Should().Throw<BoundaryException>().WithMessage(message);
    }

    [Test]
    public void Invalid_utf8_names_the_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("Resources:\n  R: x\u00e9\n");
        bytes[^3] = 0xFF;
        var act = () => CloudFormationTemplate.Load(new SourceText("bad.yaml", bytes));
        act.Should().Throw<BoundaryException>().WithMessage("bad.yaml:2:7: *not valid UTF-8 (byte 0xFF)*");
    }
    [Test]
    public void Deep_nesting_is_refused_not_a_crash()
    {
        var text = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      X: " + new string('[', 5000) + new string(']', 5000) + "\n";
        var act = () => CloudFormationTemplate.Load(new SourceText("deep.yaml", Encoding.UTF8.GetBytes(text)));
        act.Should().Throw<BoundaryException>().WithMessage("deep.yaml:5:*nested deeper than 1024 levels*");
    }

    [Test]
    public void Shared_mappings_are_refused_with_a_reason()
    {
        var input = """
            Metadata:
              Shared: &shared
                Type: AWS::IAM::Role
                Properties: {RoleName: shared}
              Props: &props
                RoleName: p
            Resources:
              AliasRole: *shared
              AliasProps:
                Type: AWS::IAM::Role
                Properties: *props
            """;
        var template = Load(input);
        template.Principals.Select(p => p.LogicalId).Should().Equal("AliasRole", "AliasProps");
        var addToAlias = () => template.AddBoundary(template.Principals[0], Arn);
        addToAlias.Should().Throw<BoundaryException>().WithMessage("t.yaml:8:14: cannot add the permissions boundary of AliasRole: it is an alias*");
        var addToAliasProperties = () => template.AddBoundary(template.Principals[1], Arn);
        addToAliasProperties.Should().Throw<BoundaryException>().WithMessage("t.yaml:11:17: cannot add * AliasProps: its Properties is an alias*");
    }

    [Test]
    public void A_block_scalar_boundary_is_a_literal_and_replaced_whole()
    {
        var input = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: >-\n        arn:aws:iam::1:policy/Old\n\n      # next\n      RoleName: r\n";
        var template = Load(input);
        template.Principals[0].Should().Match<TemplateResource>(p => p.Boundary == BoundaryKind.Literal && p.BoundaryValue == "arn:aws:iam::1:policy/Old");
        Encoding.UTF8.GetString(TextEdit.Apply(template.Source.Bytes, [template.ReplaceBoundary(template.Principals[0], Arn)]))
            .Should().Be($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: {Arn}\n\n      # next\n      RoleName: r\n");
        Encoding.UTF8.GetString(TextEdit.Apply(template.Source.Bytes, [template.RemoveBoundary(template.Principals[0])]))
            .Should().Be("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n\n      # next\n      RoleName: r\n");
    }

    [Test]
    public void The_scanner_reads_yaml_templates()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-yaml-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "auth-cloudformation-template.yml"), "Resources:\n  R:\n    Type: AWS::IAM::Role\n");
            File.WriteAllText(Path.Combine(folder.FullName, "broken.yaml"), "Resources: [AWS::IAM::Role\n");
            var result = TemplateScanner.Scan(TemplateFinder.Find([folder.FullName]), template => template);
            result.Results.Should().ContainSingle().Which.Format.Should().Be(TemplateFormat.Yaml);
            result.Errors.Should().ContainSingle().Which.Message.Should().Contain("broken.yaml:");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
