using System.Text;
using Boundary.Cli;
using Boundary.Core;
using Boundary.Tests.Hooks;
using Boundary.Tests.Support;
using static Boundary.Tests.Adversarial.AttackProject;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// The main template and ARN attacks through the packed tool as users install it, as a subprocess:
/// exit code, message, no stack trace, the template correctly bounded (and put back by post-push) or
/// unchanged, and nothing written beside the project.
/// </summary>
[Category("EndToEnd")]
public class TemplateBypassEndToEndTests
{
    private string sibling = "";
    private Dictionary<string, byte[]> siblingBefore = [];

    [SetUp]
    public void CreateSibling()
    {
        sibling = Path.Combine(Path.GetTempPath(), "boundary-tests", "sibling-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "template.json"), "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}}}");
        siblingBefore = SnapshotOf(sibling);
    }

    [TearDown]
    public void NothingWrittenBesideTheProject()
    {
        try
        {
            SnapshotOf(sibling).Should().BeEquivalentTo(siblingBefore, "nothing outside the project is written");
        }
        finally
        {
            Directory.Delete(sibling, recursive: true);
        }
    }

    public static IEnumerable<TestCaseData> Bounded()
    {
        yield return new TestCaseData("json", JsonRole("\"AWS\\u003a:IAM::Role\"")).SetName("Packed_json_escaped_type");
        yield return new TestCaseData("yaml", YamlRole("\"AWS\\x3a:IAM::Role\"")).SetName("Packed_yaml_escaped_type");
        yield return new TestCaseData("yaml", YamlRole("\"AWS::IAM::\\\n      Role\"")).SetName("Packed_yaml_type_continued_over_a_line_break");
        yield return new TestCaseData("json", JsonRole("\"AWS::IAM::Role\"", "\"PermissionsBoundary\": \"\", \"RoleName\": \"r\"")).SetName("Packed_json_empty_boundary");
        yield return new TestCaseData("json", JsonRole("\"AWS::IAM::Role\"", "\"PermissionsBoundary\": null, \"RoleName\": \"r\"")).SetName("Packed_json_null_boundary");
        yield return new TestCaseData("yaml", YamlRole("AWS::IAM::Role", "PermissionsBoundary: ~\n      RoleName: r")).SetName("Packed_yaml_tilde_boundary");
        yield return new TestCaseData("yaml", YamlRole("AWS::IAM::Role", "PermissionsBoundary:\n      RoleName: r")).SetName("Packed_yaml_empty_boundary");
        yield return new TestCaseData("json", JsonRole("\"AWS::Serverless::Function\"", "\"Handler\": \"h\"")).SetName("Packed_json_sam_function");
        yield return new TestCaseData("yaml", YamlRole("AWS::Serverless::StateMachine", "Definition: {}")).SetName("Packed_yaml_sam_state_machine");
        yield return new TestCaseData("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", {\"RoleName\": \"a\"}, {\"Ref\": \"AWS::NoValue\"}]}}}}\n").SetName("Packed_json_fn_if_properties");
        yield return new TestCaseData("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: !If\n      - C\n      - RoleName: a\n      - !If [D, {RoleName: b}, !Ref AWS::NoValue]\n").SetName("Packed_yaml_if_properties");
    }

    [TestCaseSource(nameof(Bounded))]
    public void Role_is_seen_by_verify_bounded_by_pre_push_and_put_back_by_post_push(string format, string template)
    {
        using var project = Create(format, template);
        var verify = Run(project, "verify");
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY001");
        var before = project.Snapshot();

        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("injected").And.NotContain(" 0 injected");
        if (!template.Contains("If"))
            project.StandardBoundaries().Should().Equal(DevArn);
        Run(project, "verify").ExitCode.Should().Be(ExitCodes.Success, project.Read(TemplatePath(format)));

        var post = Run(project, "hook", "post-push");
        post.ExitCode.Should().Be(ExitCodes.Success, post.ToString());
        project.ShouldEqual(before);
    }

    [TestCase("json")]
    [TestCase("yaml")]
    public void Another_envs_boundary_is_replaced_for_the_push_and_put_back(string format)
    {
        var template = format == "json"
            ? JsonRole("\"AWS::IAM::Role\"", $"\"PermissionsBoundary\": \"{ProdArn}\"")
            : YamlRole("AWS::IAM::Role", $"PermissionsBoundary: {ProdArn}");
        using var project = Create(format, template);
        var verify = Run(project, "verify");
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY005").And.Contain("env 'prod'");
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("1 updated").And.Contain("stale boundary from env 'prod' replaced");
        project.StandardBoundaries().Should().Equal(DevArn);
        Run(project, "hook", "post-push").ExitCode.Should().Be(ExitCodes.Success);
        project.ShouldEqual(before);
    }

    [TestCase("json", "{\"Fn::Sub\": \"" + ProdArn + "\"}")]
    [TestCase("json", "{\"Fn::Join\": [\"\", [\"" + ProdArn + "\"]]}")]
    [TestCase("yaml", "!If [C, " + ProdArn + ", !Sub '" + ProdArn + "']")]
    [TestCase("json", "{\"Fn::Sub\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ProdBoundary\"}")]
    [TestCase("yaml", "!Join ['', ['arn:', !Ref AWS::Partition, ':iam::', !Ref AWS::AccountId, ':policy/ProdBoundary']]")]
    public void Another_envs_boundary_behind_an_intrinsic_that_always_gives_it_fails_verify_and_stops_the_push(string format, string value)
    {
        var template = RoleWithBoundary(format, value);
        using var project = Create(format, template);
        var verify = Run(project, "verify", "--json");
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        var principal = FirstPrincipal(verify);
        ((string?)principal["ruleId"]).Should().Be("BOUNDARY005");
        ((string?)principal["actual"]).Should().Be(ProdArn);
        ((bool?)principal["intrinsic"]).Should().BeTrue();
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("always gives " + ProdArn).And.Contain("env 'prod'").And.NotContain("   at ");
        project.ShouldEqual(before);
    }

    [Test]
    public void Under_an_aws_managed_boundary_another_envs_policy_named_through_the_account_stops_the_push()
    {
        const string managed = "arn:aws:iam::aws:policy/PowerUserAccess";
        using var project = Create("yaml", YamlRole("AWS::IAM::Role", "PermissionsBoundary: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ProdBoundary'"), TeamProviderInfo.Replace(DevArn, managed));
        project.Project.Write("amplify/backend/amplify-meta.json", project.Read("amplify/backend/amplify-meta.json").Replace(DevArn, managed));
        var verify = Run(project, "verify");
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain("BOUNDARY005").And.Contain("env 'prod'");
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain($"gives {ProdArn} under some conditions").And.NotContain("   at ");
        project.ShouldEqual(before);
    }

    [TestCase("json", "{\"Fn::Sub\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/DevBoundary\"}")]
    [TestCase("yaml", "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/DevBoundary'")]
    public void This_envs_boundary_built_from_the_account_it_deploys_to_is_bounded_and_kept(string format, string value)
    {
        var template = RoleWithBoundary(format, value);
        using var project = Create(format, template);
        var verify = Run(project, "verify", "--json");
        verify.ExitCode.Should().Be(ExitCodes.Success, verify.ToString());
        var principal = FirstPrincipal(verify);
        ((string?)principal["status"]).Should().Be("bounded");
        ((string?)principal["actual"]).Should().Be(DevArn);
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        project.Read(TemplatePath(format)).Should().Be(template, "the role keeps its boundary as written");
        Run(project, "hook", "post-push").ExitCode.Should().Be(ExitCodes.Success);
        project.ShouldEqual(before);
    }

    [TestCase("arn:aws:iam::999999999999:policy/X", "BOUNDARY003", ExitCodes.Success)]
    [TestCase(ProdArn, "BOUNDARY005", ExitCodes.ProjectOrFile)]
    public void The_boundary_sam_gives_the_role_of_a_schedule_event_is_checked(string eventBoundary, string rule, int prePushExit)
    {
        var template = "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Role: arn:aws:iam::123456789012:role/x\n      PermissionsBoundary: " + DevArn + "\n"
            + "      Events:\n        S:\n          Type: ScheduleV2\n          Properties:\n            ScheduleExpression: rate(1 minute)\n            PermissionsBoundary: " + eventBoundary + "\n";
        using var project = Create("yaml", template);
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(prePushExit, pre.ToString());
        pre.StdErr.Should().NotContain("   at ");
        if (prePushExit == ExitCodes.ProjectOrFile)
            project.ShouldEqual(before);
        var verify = Run(project, "verify");
        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        verify.StdOut.Should().Contain(rule).And.Contain("in the role SAM makes for its ScheduleV2 event S");
        if (prePushExit == ExitCodes.Success)
            Run(project, "hook", "post-push").ExitCode.Should().Be(ExitCodes.Success);
        project.ShouldEqual(before);
    }

    /// <summary>A template of one role R whose PermissionsBoundary is <paramref name="value"/> (written in the format's own syntax).</summary>
    private static string RoleWithBoundary(string format, string value) => format == "json"
        ? JsonRole("\"AWS::IAM::Role\"", $"\"PermissionsBoundary\": {value}")
        : YamlRole("AWS::IAM::Role", $"PermissionsBoundary: {value}");

    /// <summary>The first principal of a <c>verify --json</c> document.</summary>
    private static Newtonsoft.Json.Linq.JToken FirstPrincipal(CliResult verify) => Newtonsoft.Json.Linq.JObject.Parse(verify.StdOut)["principals"]![0]!;

    public static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData("yaml", "Shared: &roles\n  Hidden:\n    Type: AWS::IAM::Role\nResources:\n  <<: *roles\n  Bucket:\n    Type: AWS::S3::Bucket\n", "template.yaml:5:3:", "merge key", ExitCodes.ProjectOrFile).SetName("Packed_yaml_merge_key_into_resources");
        yield return new TestCaseData("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: &p\n      RoleName: r\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      <<: *p\n", "template.yaml:4:17:", "anchored as &p", ExitCodes.Findings).SetName("Packed_yaml_anchored_properties");
        yield return new TestCaseData("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"Fn::If\": [\"C\", \"x\", {}]}}}}", "attack-cloudformation-template.json:1:", "Fn::If", ExitCodes.ProjectOrFile).SetName("Packed_json_fn_if_scalar_branch");
        yield return new TestCaseData("yaml", YamlRole("AWS::IAM::Role", "PermissionsBoundary: " + DevArn + "\n      PermissionsBoundary: ''"), "template.yaml:6:7:", "appears twice", ExitCodes.ProjectOrFile).SetName("Packed_yaml_duplicate_boundary");
        yield return new TestCaseData("yaml", "Resources:\n  [Admin]:\n    Type: AWS::IAM::Role\n", "template.yaml:2:3:", "is a list or a mapping", ExitCodes.ProjectOrFile).SetName("Packed_yaml_list_as_logical_id");
        yield return new TestCaseData("json", Encoding.UTF8.GetString(Encoding.Unicode.GetPreamble()) + "x", "attack-cloudformation-template.json", "UTF-16 LE", ExitCodes.ProjectOrFile).SetName("Packed_json_utf16");
    }

    [TestCaseSource(nameof(Refused))]
    public void Template_is_refused_with_its_position_and_nothing_is_written(string format, string template, string position, string reason, int verifyExit)
    {
        // verify edits nothing, so a role refused only for the edit (a shared anchor) is simply missing for it.
        using var project = Create(format, template);
        if (reason == "UTF-16 LE")
            project.WriteBytes(TemplatePath(format), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(JsonRole("\"AWS::IAM::Role\""))]);
        var before = project.Snapshot();
        foreach (var args in new[] { new[] { "hook", "pre-push" }, ["inject", "amplify/backend", "--arn", DevArn], ["verify"] })
        {
            var result = Run(project, args);
            if (args[0] == "verify" && verifyExit == ExitCodes.Findings)
            {
                result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
                result.StdOut.Should().Contain("BOUNDARY001");
                continue;
            }
            result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
            (result.StdOut + result.StdErr).Should().Contain(position).And.Contain(reason);
            result.StdErr.Should().NotContain("   at ").And.NotContain("Exception");
            project.ShouldEqual(before);
        }
    }

    [Test]
    public void Arabic_indic_account_digits_are_refused_by_set()
    {
        using var project = Create("json", JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();
        var set = Run(project, "set", "arn:aws:iam::\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:policy/x", "--env", "dev");
        set.ExitCode.Should().Be(ExitCodes.Usage, set.ToString());
        set.StdErr.Should().Contain("neither 12 digits").And.NotContain("   at ");
        project.ShouldEqual(before);
    }

    [Test]
    public void A_stored_arn_with_a_final_newline_stops_pre_push()
    {
        using var project = Create("yaml", YamlRole("AWS::IAM::Role"), TeamProviderInfo.Replace(DevArn, DevArn + "\\n"));
        var before = project.Snapshot();
        var pre = Run(project, "hook", "pre-push");
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("is not a valid permissions boundary ARN").And.NotContain("   at ");
        project.ShouldEqual(before);
    }

    [Test]
    public void A_template_in_a_folder_named_with_a_line_feed_and_an_escape_stops_pre_push_before_any_write()
    {
        using var project = Create("yaml", YamlRole("AWS::IAM::Role"));
        project.Project.Write("amplify/backend/custom/x\n\u001b[2KFAKE/x-cloudformation-template.json", JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        var pre = Run(project, "hook", "pre-push");

        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("x\\u000A\\u001B[2KFAKE/x-cloudformation-template.json: its path holds a control or format character").And.NotContain("\u001b");
        pre.StdErr.TrimEnd('\n').Split('\n').Should().ContainSingle();
        project.ShouldEqual(before);
        File.Exists(Path.Combine(project.Root, "amplify", ".boundary", "push-journal.jsonl")).Should().BeFalse();
    }

    private static CliResult Run(AttackProject project, params string[] args) =>
        PackedTool.Run(project.Root, args, args[0] == "hook" ? HookTestSupport.Payload(project.Root) : "");

    private static Dictionary<string, byte[]> SnapshotOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
}
