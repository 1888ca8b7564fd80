using System.Text;
using Boundary.Cli;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Tests.Support;
using static Boundary.Tests.Adversarial.AttackProject;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Every way of writing a role that CloudFormation accepts, in JSON and YAML, run in-process through
/// the commands (verify, hook pre-push, hook post-push): verify sees the role, pre-push bounds it (or
/// the template is refused with file:line:column and nothing written), post-push puts every byte back.
/// </summary>
[Category("Unit")]
public class TemplateBypassAttackTests
{
    // ---- Types written with escapes -------------------------------------------------------------

    public static IEnumerable<TestCaseData> EscapedTypes()
    {
        foreach (var type in new[] { @"AWS\u003a:IAM::Role", @"\u0041WS::IAM::Role", @"AWS::IAM::R\u006fle", @"AWS\u003A\u003aIAM\u003a\u003aRole" })
            yield return new TestCaseData("json", JsonRole($"\"{type}\"")).SetName($"Json_escaped_type {type}");
        foreach (var type in new[] { @"""AWS\x3a:IAM::Role""", @"""\x41WS::IAM::Role""", @"""AWS\u003a:IAM::Role""", @"""AWS\U0000003a:IAM::Role""", "\"AWS::IAM::\\\n      Role\"", "\"AWS::\\\n      IAM::Role\"" })
            yield return new TestCaseData("yaml", YamlRole(type)).SetName($"Yaml_escaped_type {type.Replace("\n", "⏎")}");
    }

    [TestCaseSource(nameof(EscapedTypes))]
    public void Escaped_type_is_a_role_for_verify_and_pre_push(string format, string template)
    {
        CloudFormationTemplate.Load(new global::Boundary.Text.SourceText("t", Encoding.UTF8.GetBytes(template)))!.Principals.Should().ContainSingle(p => p.Type == TemplateResource.Role);
        TemplateScanner.CannotHoldPrincipal(Encoding.UTF8.GetBytes(template)).Should().BeFalse("the prefilter must not skip a file a reader sees a role in");
        RoundTrip(format, template);
    }

    [TestCase("Type: AWS::IAM::Ro\n      le", "AWS::IAM::Ro le")]
    [TestCase("Type: 'AWS::IAM::\n      Role'", "AWS::IAM:: Role")]
    [TestCase("Type: \"AWS::IAM::\n      Role\"", "AWS::IAM:: Role")]
    [TestCase("Type: \"AWS::IAM::\n\n      Role\"", "AWS::IAM::\nRole")]
    [TestCase("Type: >-\n      AWS::IAM::\n      Role", "AWS::IAM:: Role")]
    public void Yaml_type_folded_over_a_line_break_keeps_a_space_for_every_reader(string typeLine, string expected)
    {
        var template = $"Resources:\n  R:\n    {typeLine}\n    Properties:\n      RoleName: r\n";
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(template));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var resource = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["Resources"])["R"];
        ((YamlDotNet.RepresentationModel.YamlScalarNode)resource["Type"]).Value.Should().Be(expected, "a folded line leaves a space, so no role type is spelled");
        CloudFormationTemplate.Load(new global::Boundary.Text.SourceText("t", Encoding.UTF8.GetBytes(template)))!.Principals.Should().BeEmpty();
    }

    [TestCase(@"{""Resources"": {""R"": {""Type"": ""AWS::S3::Bucket""}}}", true)]
    [TestCase("{\"Resources\": {\"R\": {\"Type\": \"AWS::S3::Bucket\", \"Description\": \"a\\nb \\\" \\\\ \\/ \\t\"}}}", true)]
    [TestCase(@"{""R"": ""\u0041""}", false)]
    [TestCase("a: \"\\x41\"", false)]
    [TestCase("a: \"\\U00000041\"", false)]
    [TestCase("a: \"x\\\ny\"", false)]
    [TestCase("a: \"x\\\r\ny\"", false)]
    [TestCase("a: AWS::Serverless::Function", false)]
    [TestCase("a: AWS::IAM::Anything", false)]
    [TestCase("a: \"\\\\\"", true)]
    [TestCase("a: b\\", true)]
    public void Prefilter_skips_only_what_cannot_spell_a_principal(string content, bool skipped) =>
        TemplateScanner.CannotHoldPrincipal(Encoding.UTF8.GetBytes(content)).Should().Be(skipped);

    // ---- Empty boundaries are absent ------------------------------------------------------------

    public static IEnumerable<TestCaseData> EmptyBoundaries()
    {
        foreach (var value in new[] { "\"\"", "null" })
            yield return new TestCaseData("json", JsonRole("\"AWS::IAM::Role\"", $"\"PermissionsBoundary\": {value}, \"RoleName\": \"r\"")).SetName($"Json_empty_boundary {value}");
        yield return new TestCaseData("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"PermissionsBoundary\": null}}}}").SetName("Json_empty_boundary one line");
        foreach (var value in new[] { "\"\"", "''", "~", "null", "Null", "NULL", "", "   # none", "!!null ''" })
            yield return new TestCaseData("yaml", YamlRole("AWS::IAM::Role", $"PermissionsBoundary: {value}\n      RoleName: r")).SetName($"Yaml_empty_boundary [{value}]");
        yield return new TestCaseData("yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: , RoleName: r}}\n").SetName("Yaml_empty_boundary flow");
        yield return new TestCaseData("yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: ~}}\n").SetName("Yaml_empty_boundary flow tilde");
        // A tag alone is an empty value whose span runs to the next token: only the tag may be replaced,
        // not the line break, comment or comma after it (nor a document end marker, which would join the ARN).
        foreach (var value in new[] { "!!null", "!!str", "!<tag:yaml.org,2002:str>", "!!null # none", "!!str\n\n      # a comment" })
            yield return new TestCaseData("yaml", YamlRole("AWS::IAM::Role", $"PermissionsBoundary: {value}\n      RoleName: r")).SetName($"Yaml_empty_boundary tag only [{value.Replace("\n", " ", StringComparison.Ordinal)}]");
        yield return new TestCaseData("yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: !!str , RoleName: r}}\n").SetName("Yaml_empty_boundary flow tag only");
        yield return new TestCaseData("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n      PermissionsBoundary: !!null\n...\n").SetName("Yaml_empty_boundary tag only before the document end");
        yield return new TestCaseData("yaml", "Resources:\r\n  R:\r\n    Type: AWS::IAM::Role\r\n    Properties:\r\n      PermissionsBoundary: !!null\r\n      RoleName: r\r\n").SetName("Yaml_empty_boundary tag only crlf");
    }

    [TestCaseSource(nameof(EmptyBoundaries))]
    public void Empty_boundary_is_missing_for_verify_and_replaced_by_pre_push(string format, string template) => RoundTrip(format, template);

    // ---- SAM --------------------------------------------------------------------------------------

    public static IEnumerable<TestCaseData> SamTemplates()
    {
        yield return new TestCaseData("json", "{\n  \"Transform\": \"AWS::Serverless-2016-10-31\",\n  \"Resources\": {\n    \"Fn\": {\n      \"Type\": \"AWS::Serverless::Function\",\n      \"Properties\": {\n        \"Handler\": \"index.handler\"\n      }\n    },\n    \"Sm\": {\n      \"Type\": \"AWS::Serverless::StateMachine\"\n    }\n  }\n}\n", 2).SetName("Json_sam");
        yield return new TestCaseData("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n  Sm:\n    Type: AWS::Serverless::StateMachine\n", 2).SetName("Yaml_sam");
    }

    [TestCaseSource(nameof(SamTemplates))]
    public void Sam_function_and_state_machine_get_the_boundary(string format, string template, int count)
    {
        using var project = Create(format, template);
        var verify = project.Verify();
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("AWS::Serverless::Function").And.Contain("AWS::Serverless::StateMachine");
        RoundTrip(format, template, count);
    }

    [TestCase("json", "{\"Globals\": {\"Function\": {\"PermissionsBoundary\": \"" + DevArn + "\"}}, \"Resources\": {\"Fn\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"h\"}}}}")]
    [TestCase("yaml", "Globals:\n  Function:\n    PermissionsBoundary: " + DevArn + "\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h\n")]
    // A stray Type beside the boundary: Globals.Function must not read as a resource of another type.
    [TestCase("json", "{\"Globals\": {\"Function\": {\"Type\": \"x\", \"PermissionsBoundary\": \"" + DevArn + "\"}}, \"Resources\": {\"Fn\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"h\"}}}}")]
    [TestCase("yaml", "Globals:\n  Function:\n    Type: x\n    PermissionsBoundary: " + DevArn + "\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h\n")]
    public void Sam_globals_boundary_counts_for_every_function(string format, string template)
    {
        using var project = Create(format, template);
        project.Verify().ExitCode.Should().Be(ExitCodes.Success);
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("0 injected, 1 kept");
        project.ShouldEqual(before);
    }

    [TestCase("json", "{\"Globals\": {\"Function\": {\"PermissionsBoundary\": \"" + ProdArn + "\"}}, \"Resources\": {\"Fn\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"h\"}}}}")]
    [TestCase("yaml", "Globals:\n  Function:\n    PermissionsBoundary: " + ProdArn + "\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h\n")]
    public void Sam_globals_boundary_of_another_env_is_stale(string format, string template)
    {
        using var project = Create(format, template);
        var verify = project.Verify();
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY005").And.Contain("env 'prod'");
        RoundTrip(format, template, count: 1, updated: 1, verifyBefore: false);
    }

    // ---- Another env's boundary -----------------------------------------------------------------

    [TestCase("json", "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"PermissionsBoundary\": \"" + ProdArn + "\"\n      }\n    }\n  }\n}\n")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: " + ProdArn + "\n")]
    [TestCase("yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {PermissionsBoundary: '" + ProdArn + "'}}\n")]
    public void Another_envs_boundary_is_an_error_for_verify_and_replaced_by_pre_push(string format, string template)
    {
        using var project = Create(format, template);
        var verify = project.Verify();
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY005").And.Contain($"the boundary of env 'prod'");
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("1 updated").And.Contain("stale boundary from env 'prod' replaced");
        project.StandardBoundaries().Should().Equal(DevArn);
        project.Verify().ExitCode.Should().Be(ExitCodes.Success);
        var post = project.PostPush();
        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        project.ShouldEqual(before);
    }

    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"PermissionsBoundary\": \"arn:aws:iam::123456789012:policy/Chosen\"}}}}")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: arn:aws:iam::123456789012:policy/Chosen\n")]
    public void A_boundary_no_env_has_stays_as_set_by_a_person(string format, string template)
    {
        using var project = Create(format, template);
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("0 injected, 1 kept, 0 updated");
        project.ShouldEqual(before);
        project.Verify().StdOut.Should().Contain("BOUNDARY002");
    }

    // ---- Fn::If at the Properties level ---------------------------------------------------------

    public static IEnumerable<TestCaseData> FnIfProperties()
    {
        yield return new TestCaseData("json", "{\n  \"Conditions\": {\"C\": {\"Fn::Equals\": [\"a\", \"a\"]}, \"D\": {\"Fn::Equals\": [\"a\", \"b\"]}},\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"Fn::If\": [\n          \"C\",\n          {\n            \"AssumeRolePolicyDocument\": {}\n          },\n          {\n            \"Fn::If\": [\"D\", {\"AssumeRolePolicyDocument\": {}}, {\"Ref\": \"AWS::NoValue\"}]\n          }\n        ]\n      }\n    }\n  }\n}\n", 2).SetName("Json_fn_if_nested");
        yield return new TestCaseData("yaml", "Conditions:\n  C: !Equals [a, a]\n  D: !Equals [a, b]\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If\n      - C\n      - AssumeRolePolicyDocument: {}\n        RoleName: a\n      - !If [D, {AssumeRolePolicyDocument: {}}, !Ref AWS::NoValue]\n", 2).SetName("Yaml_short_if_nested");
        yield return new TestCaseData("yaml", "Conditions:\n  C: !Equals [a, a]\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Fn::If:\n        - C\n        - AssumeRolePolicyDocument: {}\n        - Ref: AWS::NoValue\n", 1).SetName("Yaml_long_if");
    }

    [TestCaseSource(nameof(FnIfProperties))]
    public void Fn_if_properties_get_the_boundary_in_every_object_branch(string format, string template, int branches)
    {
        var loaded = CloudFormationTemplate.Load(new global::Boundary.Text.SourceText("t", Encoding.UTF8.GetBytes(template)))!;
        loaded.Principals[0].Branches.Should().HaveCount(branches);
        var plan = BoundaryInjector.Plan(loaded, DevArn, new InjectionOptions());
        var output = Encoding.UTF8.GetString(plan.Apply());
        System.Text.RegularExpressions.Regex.Count(output, "PermissionsBoundary").Should().Be(branches, output);
        output.Should().Contain("AWS::NoValue");
        var reloaded = CloudFormationTemplate.Load(new global::Boundary.Text.SourceText("t", Encoding.UTF8.GetBytes(output)))!;
        reloaded.Principals[0].Branches!.Should().OnlyContain(b => b.Kind == BoundaryKind.Literal && b.Value == DevArn);
        RoundTrip(format, template, standardReader: false);
    }

    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", {\"PermissionsBoundary\": \"" + DevArn + "\"}, {\"RoleName\": \"x\"}]}}}}")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If [C, {PermissionsBoundary: " + DevArn + "}, {RoleName: x}]\n")]
    public void Fn_if_with_one_unbounded_branch_is_missing(string format, string template)
    {
        using var project = Create(format, template);
        var verify = project.Verify();
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY001").And.Contain("1 of 2 branches bounded");
        project.PrePush().ExitCode.Should().Be(ExitCodes.Success);
        project.Verify().ExitCode.Should().Be(ExitCodes.Success);
    }

    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", \"text\", {\"RoleName\": \"x\"}]}}}}", ":1:")]
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", {}], \"RoleName\": \"x\"}}}}", ":1:")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If [C, text, {RoleName: x}]\n", ":4:")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If [C, {RoleName: x}]\n", ":4:")]
    public void Anything_else_at_the_properties_level_fn_if_is_refused_with_a_position(string format, string template, string line) =>
        Refused(format, template, line, "Fn::If");

    // ---- YAML merge keys, anchors; duplicate keys --------------------------------------------------

    [TestCase("Shared: &roles\n  Hidden:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: h\nResources:\n  <<: *roles\n  Bucket:\n    Type: AWS::S3::Bucket\n", ":7:3:")]
    [TestCase("Shared: &roles\n  Hidden: {Type: AWS::IAM::Role}\nResources: {<<: [*roles], Bucket: {Type: AWS::S3::Bucket}}\n", ":3:13:")]
    public void Merge_key_bringing_a_role_into_resources_is_refused(string template, string position) =>
        Refused("yaml", template, position, "merge key");

    [Test]
    public void Merge_key_bringing_the_type_into_a_resource_is_seen()
    {
        var template = "Base: &base\n  Type: AWS::IAM::Role\nResources:\n  R:\n    <<: *base\n    Properties:\n      RoleName: r\n";
        RoundTrip("yaml", template, standardReader: false);
    }

    [Test]
    public void Merge_key_bringing_the_properties_of_another_resource_into_a_role_is_refused_with_a_position()
    {
        // The anchored resource's Type is not a principal's, but its content is read whole: an alias may bring it anywhere.
        var template = "Resources:\n  Fn: &base\n    Type: AWS::Lambda::Function\n    Properties:\n      RoleName: r\n  R:\n    <<: *base\n    Type: AWS::IAM::Role\n";
        Refused("yaml", template, ":4:5:", "merge key");
    }

    [Test]
    public void Merge_key_bringing_properties_into_a_role_is_refused_with_a_position()
    {
        var template = "Base: &base\n  Type: AWS::IAM::Role\n  Properties:\n    RoleName: r\nResources:\n  R:\n    <<: *base\n";
        using var project = Create("yaml", template);
        project.Verify().ExitCode.Should().Be(ExitCodes.Findings);
        Refused("yaml", template, ":3:3:", "merge key");
    }

    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: &p\n      RoleName: r\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: *p\n", ":4:17:")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: &p\n      RoleName: r\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      <<: *p\n", ":4:17:")]
    [TestCase("Resources:\n  R: &r\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: *r\n", ":2:6:")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If [C, &b {RoleName: r}, !Ref AWS::NoValue]\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: *b\n", ":4:25:")]
    public void Anchored_properties_used_elsewhere_are_refused_and_nothing_is_written(string template, string position) =>
        Refused("yaml", template, position, "anchored as &");

    [Test]
    public void Anchored_properties_used_nowhere_else_are_bounded() =>
        RoundTrip("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: &p\n      RoleName: r\n");

    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"PermissionsBoundary\": \"" + DevArn + "\", \"PermissionsBoundary\": \"\"}}}}", ":1:")]
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Type\": \"AWS::S3::Bucket\"}}}", ":1:")]
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}, \"R\": {\"Type\": \"AWS::S3::Bucket\"}}}", ":1:")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: " + DevArn + "\n      PermissionsBoundary: ''\n", ":6:7:")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Type: AWS::IAM::Role\n", ":4:5:")]
    // Members after a Type of another kind are read without their content: a second Type is still seen.
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"A\": {\"B\": [1]}}, \"Type\": \"AWS::IAM::Role\"}}}", ":1:")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: {B: [1]}\n    Type: AWS::IAM::Role\n", ":6:5:")]
    // SAM's Globals: a reader that keeps the first copy would give the functions the first one's boundary.
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: !Sub 'arn:aws:iam::${AWS::AccountId}:policy/ProdBoundary'\n  Function:\n    PermissionsBoundary: " + DevArn + "\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n", ":5:3:")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: {PermissionsBoundary: " + ProdArn + "}\nGlobals:\n  Function: {PermissionsBoundary: " + DevArn + "}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n", ":4:1:")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Globals\": {\"Function\": {\"PermissionsBoundary\": \"" + ProdArn + "\"}, \"Function\": {\"PermissionsBoundary\": \"" + DevArn + "\"}}, \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"a.b\"}}}}", ":1:")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Globals\": {\"Function\": {\"PermissionsBoundary\": \"" + ProdArn + "\"}}, \"Globals\": {\"Function\": {\"PermissionsBoundary\": \"" + DevArn + "\"}}, \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"a.b\"}}}}", ":1:")]
    [TestCase("yaml", "Transform: AWS::Include\nTransform: AWS::Serverless-2016-10-31\nResources:\n  R:\n    Type: AWS::IAM::Role\n", ":2:1:")]
    public void Duplicate_keys_that_decide_a_role_are_refused(string format, string template, string position) =>
        Refused(format, template, position, "appears twice");

    // ---- Not UTF-8 ------------------------------------------------------------------------------

    public static IEnumerable<TestCaseData> NotUtf8()
    {
        var json = JsonRole("\"AWS::IAM::Role\"");
        var yaml = YamlRole("AWS::IAM::Role");
        foreach (var (format, text) in new[] { ("json", json), ("yaml", yaml) })
        {
            yield return new TestCaseData(format, new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), "UTF-16 LE").SetName($"{format}_utf16le_bom");
            yield return new TestCaseData(format, Encoding.Unicode.GetBytes(text), "NUL").SetName($"{format}_utf16le");
            yield return new TestCaseData(format, new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(), "UTF-16 BE").SetName($"{format}_utf16be_bom");
            yield return new TestCaseData(format, Encoding.BigEndianUnicode.GetBytes(text), "NUL").SetName($"{format}_utf16be");
            yield return new TestCaseData(format, new byte[] { 0xFF, 0xFE, 0, 0 }.Concat(Encoding.UTF32.GetBytes(text)).ToArray(), "UTF-32 LE").SetName($"{format}_utf32le_bom");
            yield return new TestCaseData(format, new byte[] { 0, 0, 0xFE, 0xFF }.Concat(new UTF32Encoding(true, false).GetBytes(text)).ToArray(), "UTF-32 BE").SetName($"{format}_utf32be_bom");
            yield return new TestCaseData(format, Encoding.UTF8.GetBytes(text.Replace("RoleName: r", "RoleName: r\u00e9").Replace("\"RoleName\": \"r\"", "\"RoleName\": \"r\u00e9\"")).Select(b => b == 0xC3 ? (byte)0xE9 : b).Where(b => b != 0xA9).ToArray(), "not valid UTF-8").SetName($"{format}_latin1");
        }
    }

    [TestCaseSource(nameof(NotUtf8))]
    public void A_template_that_is_not_utf8_is_an_error_naming_it(string format, byte[] bytes, string why)
    {
        using var project = Create(format, "");
        project.WriteBytes(TemplatePath(format), bytes);
        var before = project.Snapshot();
        foreach (var result in new[] { project.Verify(), project.PrePush(), project.Inject() })
        {
            result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
            (result.StdOut + result.StdErr).Should().Contain(Path.GetFileName(TemplatePath(format))).And.Contain(why).And.NotContain("   at ");
        }
        project.ShouldEqual(before);
    }

    // An alias written as a key is, for every YAML reader, the key it refers to: a logical id, Type,
    // Properties or PermissionsBoundary written so would go unseen, and the role would slip past.
    [TestCase("Keys:\n  - &k Type\nResources:\n  R:\n    *k : AWS::IAM::Role\n    Properties:\n      RoleName: r\n", ":5:5:")]
    [TestCase("Keys:\n  - &id MyRole\nResources:\n  *id :\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n", ":4:3:")]
    [TestCase("Keys:\n  - &k Type\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: {B: [1]}\n    *k : AWS::IAM::Role\n", ":8:5:")]
    [TestCase("Keys:\n  - &p Properties\nResources:\n  R:\n    Type: AWS::IAM::Role\n    *p :\n      RoleName: r\n", ":6:5:")]
    [TestCase("Keys:\n  - &b PermissionsBoundary\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      *b : arn:aws:iam::999999999999:policy/Evil\n", ":7:7:")]
    [TestCase("Keys: [&k Type]\nResources: {R: {*k : AWS::IAM::Role, Properties: {RoleName: r}}}\n", ":2:17:")]
    public void Yaml_alias_written_as_a_key_where_a_role_is_decided_is_refused(string template, string position) =>
        RefusedByVerifyToo("yaml", template, position, "used as a key");

    // A key that is a list or a mapping names, for the host's js-yaml, the text of its items ([Admin] is
    // Admin), and nothing here: a logical id, Type or Resources written so would hide a role.
    [TestCase("Resources:\n  [Admin]:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n", ":2:3:")]
    [TestCase("Resources:\n  B:\n    Type: AWS::S3::Bucket\n  ? [Admin]\n  : Type: AWS::IAM::Role\n", ":4:5:")]
    [TestCase("Resources:\n  R:\n    ? [Type]\n    : AWS::IAM::Role\n", ":3:7:")]
    [TestCase("Resources: {R: {Type: AWS::IAM::Role, Properties: {{PermissionsBoundary: x}: y}}}\n", ":1:52:")]
    [TestCase("? [Resources]\n: {R: {Type: AWS::IAM::Role}}\n", ":1:3:")]
    [TestCase("<<: {[Resources]: {R: {Type: AWS::IAM::Role}}}\n", ":1:6:")]
    [TestCase("Keys: &k {Admin: 1}\nResources:\n  R: {Type: AWS::S3::Bucket}\n  X: &x {? [Type] : AWS::IAM::Role}\n  Y: *x\n", ":4:12:")]
    public void Yaml_key_that_is_a_list_or_a_mapping_is_refused(string template, string position) =>
        RefusedByVerifyToo("yaml", template, position, "is a list or a mapping");

    // Resources written so is Resources all the same, also when a merge key brings it in.
    [TestCase("Metadata: &k Resources\n*k : {R: {Type: AWS::IAM::Role}}\n", ":2:1:")]
    [TestCase("Metadata: &k Resources\n<<: {*k : {R: {Type: AWS::IAM::Role}}}\n", ":2:6:")]
    public void Yaml_alias_written_as_the_resources_key_is_refused(string template, string position) =>
        RefusedByVerifyToo("yaml", template, position, "used as a key");

    [Test]
    public void Resources_made_only_of_merge_keys_are_checked_for_roles() =>
        RefusedByVerifyToo("yaml", "Resources:\n  <<: {P: {Type: AWS::IAM::Role, Properties: {RoleName: r}}}\n", ":2:3:", "merge key");

    // Only the first document is read: a role in a later one would pass unchecked.
    [TestCase("Resources:\n  B:\n    Type: AWS::S3::Bucket\n---\nResources:\n  R:\n    Type: AWS::IAM::Role\n", ":4:1:")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: arn:aws:iam::123456789012:policy/B\n...\n--- !!map\nResources: {R: {Type: AWS::IAM::Role}}\n", ":7:1:")]
    [TestCase("Description: not a template\n---\nResources:\n  R:\n    Type: AWS::IAM::Role\n", ":2:1:")]
    public void A_second_yaml_document_is_refused_since_its_roles_would_go_unchecked(string template, string position) =>
        RefusedByVerifyToo("yaml", template, position, "second YAML document");

    // ---- Where the host's readers (hjson, js-yaml) and ours would read different templates ----------

    // A // comment ends at a lone CR for System.Text.Json, at the next line feed for the host's hjson:
    // the boundary after it is a member for one, a comment for the other.
    [TestCase("{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"r\" // c\r, \"PermissionsBoundary\": \"arn:aws:iam::123456789012:policy/DevBoundary\"\n}}}}\n", ":1:83:")]
    [TestCase("{\"Resources\": {\n  // note\r\"R\": {\"Type\": \"AWS::IAM::Role\"}\n}}\n", ":2:10:")]
    public void Json_line_comment_ended_by_a_lone_carriage_return_is_refused(string template, string position) =>
        RefusedByVerifyToo("json", template, position, "carriage return");

    // YamlDotNet breaks lines at NEL, LS and PS; js-yaml does not: a comment would end for one only.
    [TestCase("\u0085")]
    [TestCase("\u2028")]
    [TestCase("\u2029")]
    public void Yaml_unicode_line_separator_is_refused(string separator) =>
        RefusedByVerifyToo("yaml", $"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r # c{separator}      PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\n", ":5:22:", "Unicode line separator");

    // YAML readers end a line at a lone CR; the edits go by line feeds, so a Properties block added after
    // the role's last line would land in the mapping after the CR (the SAM function's, or the user's, role
    // deployed without a boundary while pre-push said it injected one).
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\rMetadata:\n    Notes: hello\n", ":3:25:")]
    [TestCase("Transform: AWS::Serverless-2016-10-31\r\nResources:\r\n  F:\r\n    Type: AWS::Serverless::Function\rMetadata:\r\n    Notes: hello\r\n", ":4:36:")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r # c\r      PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\n", ":5:22:")]
    [TestCase("Resources:\n  R:\n    Type: AWS::IAM::Role\r", ":3:25:")]
    public void Yaml_carriage_return_without_a_line_feed_is_refused(string template, string position) =>
        RefusedByVerifyToo("yaml", template, position, "carriage return without a line feed");

    // The host trims with JavaScript's trim() and takes what starts with '{' for JSON; YAML or JSON
    // readers that stop at a form feed would read something else, or nothing.
    [TestCase("\f")]
    [TestCase("\v")]
    [TestCase("\u00a0")]
    [TestCase("\ufeff")]
    public void Json_template_after_characters_only_the_host_skips_is_refused(string lead) =>
        RefusedByVerifyToo("json", " " + lead + JsonRole("\"AWS::IAM::Role\""), ":1:2:", "starts with a character the Amplify CLI skips");

    // ---- What only CloudFormation sees -------------------------------------------------------------

    // A loop of the language extensions, or resources included from S3: roles no reading of the file sees.
    [TestCase("json", "{\"Transform\": \"AWS::LanguageExtensions\", \"Resources\": {\"Fn::ForEach::Roles\": [\"N\", [\"A\", \"B\"], {\"Role${N}\": {\"Type\": \"AWS::${S}::Role\"}}]}}\n", ":1:56:", "Fn::ForEach::Roles in Resources")]
    [TestCase("yaml", "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Roles:\n    - N\n    - [A, B]\n    - Role${N}:\n        Type: AWS::IAM::Role\n", ":3:3:", "Fn::ForEach::Roles in Resources")]
    [TestCase("yaml", "Resources:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: {Location: s3://b/roles.yaml}\n  X:\n    Type: AWS::SNS::Topic\n", ":2:3:", "Fn::Transform in Resources")]
    // A macro on a resource of another type gets the whole resource and may give back a role.
    [TestCase("json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {}, \"Fn::Transform\": {\"Name\": \"AWS::Include\", \"Parameters\": {\"Location\": \"s3://b/role.json\"}}}}}\n", ":1:", "Fn::Transform in Resources (or in a resource")]
    [TestCase("yaml", "Resources:\n  B: {Type: AWS::SNS::Topic, Fn::Transform: {Name: MakeRole}}\n", ":2:30:", "Fn::Transform in Resources (or in a resource")]
    // The short form of Fn::Transform is a tag on the value.
    [TestCase("yaml", "Resources:\n  R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}\n  Q:\n    !Transform {Name: MyMacro}\n", ":4:5:", "Fn::Transform in Resources (or in a resource")]
    [TestCase("yaml", "Resources:\n  !Transform {Name: AWS::Include, Parameters: {Location: s3://b/x}}\n", ":2:3:", "Fn::Transform in Resources (or in a resource")]
    public void Resources_only_cloudformation_makes_are_refused(string format, string template, string position, string reason)
    {
        TemplateScanner.CannotHoldPrincipal(Encoding.UTF8.GetBytes(template)).Should().BeFalse("the prefilter must not skip it, even without a principal's type spelled out");
        RefusedByVerifyToo(format, template, position, reason);
    }

    // A module expands into resources when CloudFormation creates the stack: roles no reading of the file sees.
    [TestCase("yaml", "Resources:\n  Admin:\n    Type: MyOrg::Security::AdminRole::MODULE\n    Properties:\n      RoleName: admin\n", ":2:3:", "Admin is a CloudFormation module (MyOrg::Security::AdminRole::MODULE)")]
    [TestCase("json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}, \"Admin\": {\"Type\": \"MyOrg::Security::AdminRole::MODULE\"}}}\n", ":1:50:", "Admin is a CloudFormation module")]
    public void Module_is_refused_since_its_roles_are_made_by_cloudformation(string format, string template, string position, string reason)
    {
        TemplateScanner.CannotHoldPrincipal(Encoding.UTF8.GetBytes(template)).Should().BeFalse("the prefilter must not skip a module");
        RefusedByVerifyToo(format, template, position, reason);
    }

    // A macro rewrites the template before CloudFormation creates anything: SAM's and the language
    // extensions are the transforms read as written.
    [TestCase("yaml", "Transform: [AWS::Serverless-2016-10-31, StripBoundaries]\nResources:\n  R:\n    Type: AWS::IAM::Role\n", ":1:41:", "'StripBoundaries' is a macro")]
    [TestCase("json", "{\"Transform\": \"MyMacro\", \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}}}\n", ":1:15:", "'MyMacro' is a macro")]
    [TestCase("yaml", "Transform: {Name: MyMacro, Parameters: {A: b}}\nResources:\n  R:\n    Type: AWS::SNS::Topic\n", ":1:12:", "is not a transform name")]
    public void Template_macro_transform_is_refused(string format, string template, string position, string reason) =>
        RefusedByVerifyToo(format, template, position, reason);

    // Properties that are an intrinsic function other than Fn::If: a boundary added beside its name would
    // land in its arguments, and what CloudFormation makes of it is not in the file.
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n", ":4:17:", "are !Transform")]
    [TestCase("yaml", "Resources:\n  U:\n    Type: AWS::IAM::User\n    Properties: !ImportValue SharedUserProperties\n", ":4:17:", "are !ImportValue")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n", ":5:7:", "are Fn::Transform")]
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::Transform\": {\"Name\": \"AWS::Include\"}}}}}\n", ":1:63:", "are Fn::Transform")]
    [TestCase("json", "{\"Resources\": {\"U\": {\"Type\": \"AWS::IAM::User\", \"Properties\": {\"Ref\": \"AWS::NoValue\"}}}}\n", ":1:63:", "are Ref")]
    [TestCase("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If [C, !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}, {RoleName: r}]\n", ":4:25:", "are !Transform")]
    [TestCase("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", {\"Fn::ImportValue\": \"x\"}, {\"RoleName\": \"r\"}]}}}}\n", ":1:80:", "are Fn::ImportValue")]
    public void Properties_written_as_an_intrinsic_other_than_fn_if_are_refused(string format, string template, string position, string reason) =>
        RefusedByVerifyToo(format, template, position, reason);

    // A loop inside a resource can make its Type (or Properties): only CloudFormation would see the role.
    [TestCase("yaml", "Transform: AWS::LanguageExtensions\nResources:\n  R:\n    Fn::ForEach::T:\n      - X\n      - [IAM]\n      - Type: AWS::${X}::Role\n", ":4:5:", "Fn::ForEach::T in Resources (or in a resource")]
    [TestCase("json", "{\"Transform\": \"AWS::LanguageExtensions\", \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Fn::ForEach::P\": [\"X\", [\"a\"], {\"Properties\": {\"RoleName\": \"${X}\"}}]}}}\n", ":1:88:", "Fn::ForEach::P in Resources (or in a resource")]
    public void Fn_foreach_inside_a_resource_is_refused(string format, string template, string position, string reason) =>
        RefusedByVerifyToo(format, template, position, reason);

    // Roles SAM makes of its own, which the function's PermissionsBoundary does not reach.
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::GraphQLApi\n    Properties:\n      SchemaInline: 'type Query { a: String }'\n", ":3:3:", "AWS::Serverless::GraphQLApi")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"Api\": {\"Type\": \"AWS::Serverless::GraphQLApi\"}}}\n", ":1:59:", "AWS::Serverless::GraphQLApi")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: AllAtOnce\n", ":8:7:", "DeploymentPreference of Fn names no Role")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"Fn\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"i.h\", \"DeploymentPreference\": {\"Type\": \"AllAtOnce\", \"Hooks\": {\"PreTraffic\": \"x\"}}}}}}\n", ":1:136:", "DeploymentPreference of Fn names no Role")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    DeploymentPreference: {Type: AllAtOnce}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n", ":4:5:", "DeploymentPreference of Fn names no Role")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Type: AllAtOnce, Role: ''}\n", ":7:7:", "DeploymentPreference of Fn names no Role")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\n      Events:\n        S2:\n          Type: ScheduleV2\n          Properties: {ScheduleExpression: rate(1 minute)}\n", ":9:9:", "ScheduleV2 event S2 of F has neither a RoleArn nor a PermissionsBoundary")]
    [TestCase("json", "{\"Resources\": {\"SM\": {\"Type\": \"AWS::Serverless::StateMachine\", \"Properties\": {\"Events\": {\"S2\": {\"Type\": \"ScheduleV2\", \"Properties\": {\"RoleArn\": \"\"}}}}}}}\n", ":1:90:", "ScheduleV2 event S2 of SM has neither")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  CP:\n    Type: AWS::Serverless::CapacityProvider\n    Properties:\n      VpcConfig: {SubnetIds: [subnet-1]}\n", ":3:3:", "CP is an AWS::Serverless::CapacityProvider without an OperatorRole")]
    [TestCase("json", "{\"Resources\": {\"CP\": {\"Type\": \"AWS::Serverless::CapacityProvider\", \"Properties\": {\"OperatorRole\": {\"Ref\": \"AWS::NoValue\"}}}}}\n", ":1:16:", "without an OperatorRole")]
    [TestCase("yaml", "Resources:\n  CP:\n    Type: AWS::Serverless::CapacityProvider\n    Properties:\n      OperatorRole: {Fn::If: [C, !Ref AWS::NoValue, '']}\n", ":2:3:", "without an OperatorRole")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Type: AllAtOnce, Enabled: 'FALSE'}\n", ":7:7:", "DeploymentPreference of F names no Role")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\n      Events:\n        <<: {S2: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 minute)}}}\n", ":9:9:", "merge key (<<) in the Events of F")]
    [TestCase("yaml", "Transform: AWS::LanguageExtensions\nResources:\n  R:\n    <<:\n      Fn::ForEach::T: [K, [Type], {'${K}': AWS::IAM::Role}]\n    Properties:\n      RoleName: r\n", ":5:7:", "Fn::ForEach::T in Resources (or in a resource")]
    public void Sam_resources_that_make_roles_of_their_own_are_refused(string format, string template, string position, string reason) =>
        RefusedByVerifyToo(format, template, position, reason);

    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference:\n        Type: AllAtOnce\n        Role: !GetAtt DeployRole.Arn\n  DeployRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: deploy\n")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"Fn\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"i.h\", \"DeploymentPreference\": {\"Type\": \"AllAtOnce\", \"Role\": {\"Fn::GetAtt\": [\"DeployRole\", \"Arn\"]}}}}, \"DeployRole\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"deploy\"}}}}\n")]
    public void Deployment_preference_with_a_role_of_the_template_is_bounded_through_that_role(string format, string template) =>
        RoundTrip(format, template, count: 2);

    // SAM merges Globals.Function into each function (the function's keys first); a disabled preference makes no role.
    [TestCase("Globals:\n  Function:\n    DeploymentPreference: {Role: !GetAtt DeployRole.Arn}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Type: AllAtOnce}\n")]
    [TestCase("Globals:\n  Function:\n    DeploymentPreference: {Type: AllAtOnce}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Role: !GetAtt DeployRole.Arn}\n")]
    [TestCase("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Type: AllAtOnce, Enabled: false}\n")]
    [TestCase("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Events:\n        S2:\n          Type: ScheduleV2\n          Properties: {ScheduleExpression: rate(1 minute), PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary}\n        Q:\n          Type: SQS\n          Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}\n")]
    [TestCase("Resources:\n  CP:\n    Type: AWS::Serverless::CapacityProvider\n    Properties:\n      OperatorRole: !GetAtt DeployRole.Arn\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n")]
    [TestCase("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      DeploymentPreference: {Type: AllAtOnce, Enabled: \"false\"}\n")]
    public void Deployment_preference_that_makes_no_role_of_its_own_is_not_refused(string template) =>
        RoundTrip("yaml", "Transform: AWS::Serverless-2016-10-31\n" + template + (template.Contains("DeployRole") ? "  DeployRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: deploy\n" : ""), count: template.Contains("DeployRole") ? 2 : 1);

    // IgnoreGlobals (a resource attribute) keeps Globals.Function's boundary from the function: it is missing there.
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: '*'\n    Properties:\n      Handler: index.handler\n")]
    [TestCase("yaml", "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: arn:aws:iam::123456789012:policy/DevBoundary\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: [PermissionsBoundary]\n    Properties:\n      Handler: index.handler\n")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Globals\": {\"Function\": {\"PermissionsBoundary\": \"arn:aws:iam::123456789012:policy/DevBoundary\"}}, \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"IgnoreGlobals\": [\"Runtime\", \"PermissionsBoundary\"], \"Properties\": {\"Handler\": \"i.h\"}}}}\n")]
    public void A_function_that_ignores_the_globals_boundary_gets_its_own(string format, string template) =>
        RoundTrip(format, template);

    // An alias can make a value contain itself: read as a value (CloudFormation refuses it), never a crash.
    [Test]
    public void A_boundary_that_contains_itself_through_an_alias_is_read_without_a_crash()
    {
        using var project = Create("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: &r !If [C, *r, x]\n");
        var verify = project.Verify();
        verify.ExitCode.Should().BeOneOf([ExitCodes.Success, ExitCodes.ProjectOrFile], verify.ToString());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>verify sees the missing roles; pre-push bounds them; verify passes; post-push restores every byte.</summary>
    private static void RoundTrip(string format, string template, int count = 1, int updated = 0, bool verifyBefore = true, bool standardReader = true)
    {
        using var project = Create(format, template);
        if (verifyBefore)
        {
            var verify = project.Verify();
            verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
            verify.StdOut.Should().Contain("BOUNDARY001");
        }
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain($"{count - updated} injected").And.Contain($"{updated} updated");
        if (standardReader && format == "json" || standardReader && !template.Contains("<<"))
            project.StandardBoundaries().Should().OnlyContain(b => b == DevArn);
        var after = project.Verify();
        after.ExitCode.Should().Be(ExitCodes.Success, after.ToString() + "\n" + project.Read(TemplatePath(format)));
        var post = project.PostPush();
        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        project.ShouldEqual(before);

        // inject (no project needed) sees and bounds the same roles.
        var inject = project.Inject();
        inject.ExitCode.Should().Be(ExitCodes.Success, inject.ToString());
        inject.StdOut.Should().Contain($"{count - updated} injected");
        project.Verify().ExitCode.Should().Be(updated > 0 ? ExitCodes.Findings : ExitCodes.Success, "inject leaves another env's boundary alone: it knows no envs");
    }

    /// <summary>verify and pre-push refuse the template with file:line:column (exit 3), and nothing is written.</summary>
    /// <summary>verify stops at the position too (exit 3), and so do pre-push and inject (<see cref="Refused"/>).</summary>
    private const string SamFunction = "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      PermissionsBoundary: " + DevArn + "\n";

    // A macro that writes a SAM resource's events, or a second Events or event Type that another reader takes,
    // can give SAM a ScheduleV2 event whose scheduler role has no boundary, or another env's.
    [TestCase("yaml", SamFunction + "      Events: !Transform {Name: MyMacro}\n", ":8:15:", "decides the Events of F")]
    [TestCase("yaml", SamFunction + "      Events: {Fn::Transform: {Name: MyMacro}}\n", ":8:16:", "decides the Events of F")]
    [TestCase("yaml", SamFunction + "      Events:\n        S:\n          Type: ScheduleV2\n          Properties:\n            PermissionsBoundary: " + DevArn + "\n            Fn::Transform: {Name: MyMacro}\n", ":13:13:", "decides the Events of F")]
    [TestCase("yaml", SamFunction + "      Events:\n        S: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 minute)}}\n      Events:\n        A: {Type: Api}\n", ":10:7:", "'Events' appears twice")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"a.b\", \"PermissionsBoundary\": \"" + DevArn + "\", \"Events\": {\"S\": {\"Type\": \"ScheduleV2\", \"Properties\": {\"ScheduleExpression\": \"rate(1 minute)\"}}}, \"Events\": {}}}}}", ":1:", "'Events' appears twice")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"a.b\", \"PermissionsBoundary\": \"" + DevArn + "\", \"Events\": {\"S\": {\"Type\": \"ScheduleV2\", \"Type\": \"Schedule\"}}}}}}", ":1:", "'Type' appears twice")]
    // What a macro or a function writes in place of an event's Type, or of its RoleArn, may be a ScheduleV2 event without either.
    [TestCase("yaml", SamFunction + "      Events: !Transform M\n", ":8:15:", "decides the Events of F")]
    [TestCase("yaml", SamFunction + "      Events:\n        S: !Transform [M]\n", ":9:12:", "decides the Events of F")]
    [TestCase("yaml", SamFunction + "      Events:\n        S:\n          Type: !Transform {Name: M}\n          Properties: {ScheduleExpression: rate(1 minute)}\n", ":10:17:", "the Type of the event S of F is given by an intrinsic function")]
    [TestCase("yaml", SamFunction + "      Events:\n        S:\n          Type: !If [C, ScheduleV2, Api]\n", ":10:17:", "the Type of the event S of F is given by an intrinsic function")]
    [TestCase("yaml", SamFunction + "      Events:\n        S:\n          Type: ScheduleV2\n          Properties: {ScheduleExpression: rate(1 minute), RoleArn: !Transform {Name: M}}\n", ":9:9:", "neither a RoleArn nor a PermissionsBoundary")]
    [TestCase("json", "{\"Transform\": \"AWS::Serverless-2016-10-31\", \"Resources\": {\"F\": {\"Type\": \"AWS::Serverless::Function\", \"Properties\": {\"Handler\": \"a.b\", \"PermissionsBoundary\": \"" + DevArn + "\", \"Events\": {\"S\": {\"Type\": {\"Fn::Transform\": {\"Name\": \"M\"}}}}}}}}", ":1:", "the Type of the event S of F is given by an intrinsic function")]
    public void Macros_and_duplicate_keys_that_decide_a_sam_resources_events_are_refused(string format, string template, string position, string reason) =>
        RefusedByVerifyToo(format, template, position, reason);

    private static void RefusedByVerifyToo(string format, string template, string position, string reason)
    {
        using (var project = Create(format, template))
        {
            var verify = project.Verify();
            verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
            verify.StdOut.Should().Contain(Path.GetFileName(TemplatePath(format)) + position).And.Contain(reason);
        }
        Refused(format, template, position, reason);
    }

    private static void Refused(string format, string template, string position, string reason)
    {
        using var project = Create(format, template);
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain(Path.GetFileName(TemplatePath(format)) + position).And.Contain(reason).And.NotContain("   at ");
        project.ShouldEqual(before);
        var inject = project.Inject();
        inject.ExitCode.Should().Be(ExitCodes.ProjectOrFile, inject.ToString());
        project.ShouldEqual(before);
    }
}
