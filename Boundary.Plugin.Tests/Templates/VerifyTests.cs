using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;
using Boundary.Tests.Support;
using Boundary.Verify;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class VerifyTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Boundary";

    private static readonly Dictionary<string, string?> NoEnvironment = new();

    private static TempProject ProjectWithBoundary(string? arn = Arn)
    {
        var boundary = arn is null ? "" : $",\n      \"PermissionsBoundaryPolicyArn\": \"{arn}\"";
        return TempProject.Minimal("{\n  \"dev\": {\n    \"awscloudformation\": {\n      \"Region\": \"us-east-1\"" + boundary + "\n    }\n  }\n}");
    }

    private static string Role(string id, string? boundary) =>
        $"    \"{id}\": {{\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {{{(boundary is null ? "" : $"\n        \"PermissionsBoundary\": {boundary},")}\n        \"RoleName\": \"{id}\"\n      }}\n    }}";

    private static string Template(params string[] resources) => "{\n  \"Resources\": {\n" + string.Join(",\n", resources) + "\n  }\n}";

    private static CliResult Run(TempProject project, params string[] args) => CliRunner.Run(project.Root, "", NoEnvironment, args);

    private static void HardLink(string target, string link)
    {
        var made = ProcessRunner.Run(new System.Diagnostics.ProcessStartInfo("ln", [target, link]), null, TimeSpan.FromSeconds(30));
        made.ExitCode.Should().Be(0, made.ToString());
    }

    private static VerifyResult Judge(BoundaryKind kind, string? value, bool strict = false) =>
        Verifier.Judge("t.json", new TemplateResource("R", TemplateResource.Role, 0, 1, 1, kind, value, true), PolicyArn.Parse(Arn), new VerifyOptions(strict));

    [Test]
    public void The_rules_for_a_boundary_that_is_there()
    {
        Judge(BoundaryKind.None, null).Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Missing && r.Level == "error" && r.Rule!.Id == "BOUNDARY001");
        Judge(BoundaryKind.Literal, Arn).Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Bounded && r.Level == null);
        Judge(BoundaryKind.Intrinsic, null).Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Kept && r.Level == null);
        Judge(BoundaryKind.Literal, "arn:aws:iam::123456789012:policy/Other").Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Differs && r.Level == "warning" && r.Rule!.Id == "BOUNDARY002");
        Judge(BoundaryKind.Literal, "arn:aws:iam::aws:policy/PowerUserAccess").Status.Should().Be(VerifyStatus.Differs);
        Judge(BoundaryKind.Literal, "arn:aws:iam::123456789012:policy/Other", strict: true).Level.Should().Be("error");
        var other = Judge(BoundaryKind.Literal, "arn:aws:iam::999999999999:policy/Boundary");
        other.Should().Match<VerifyResult>(r => r.Status == VerifyStatus.OtherAccount && r.Level == "error" && r.Rule!.Id == "BOUNDARY003");
        other.Message.Should().Contain("account 999999999999").And.Contain(Arn);
        Judge(BoundaryKind.Literal, "arn:aws-cn:iam::123456789012:policy/Boundary").Status.Should().Be(VerifyStatus.OtherAccount);
        Judge(BoundaryKind.Literal, "not an arn").Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Invalid && r.Rule!.Id == "BOUNDARY004");
    }

    [Test]
    public void An_intrinsic_that_always_gives_one_string_is_judged_by_that_string()
    {
        Judge(BoundaryKind.Intrinsic, Arn).Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Bounded && r.Level == null);
        Judge(BoundaryKind.Intrinsic, "arn:aws:iam::123456789012:policy/Other").Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Differs && r.Level == "warning");
        Judge(BoundaryKind.Intrinsic, "arn:aws:iam::123456789012:policy/Other", strict: true).Level.Should().Be("error");
        Judge(BoundaryKind.Intrinsic, "arn:aws:iam::999999999999:policy/Boundary").Status.Should().Be(VerifyStatus.OtherAccount);
        Judge(BoundaryKind.Intrinsic, "not an arn").Status.Should().Be(VerifyStatus.Invalid);
        var stale = Verifier.Judge("t.json", new TemplateResource("R", TemplateResource.Role, 0, 1, 1, BoundaryKind.Intrinsic, "arn:aws:iam::123456789012:policy/Prod", true), PolicyArn.Parse(Arn),
            new VerifyOptions(StaleBoundaries: new Dictionary<string, string> { ["arn:aws:iam::123456789012:policy/Prod"] = "prod" }));
        stale.Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Stale && r.Level == "error");
        stale.Message.Should().Contain("an intrinsic function that always gives the same string").And.Contain("env 'prod'");
        var inABranch = Verifier.Judge("t.json", new TemplateResource("R", TemplateResource.Role, 0, 1, 1, BoundaryKind.Intrinsic, null, true) { Choices = [Arn, "arn:aws:iam::123456789012:policy/Prod"] }, PolicyArn.Parse(Arn),
            new VerifyOptions(StaleBoundaries: new Dictionary<string, string> { ["arn:aws:iam::123456789012:policy/Prod"] = "prod" }));
        inABranch.Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Stale && r.Level == "error");
        inABranch.Message.Should().Contain("under some conditions");
        Judge(BoundaryKind.Intrinsic, null).Status.Should().Be(VerifyStatus.Kept, "an intrinsic that gives no known string is not evaluated");
    }

    [TestCase("arn:aws:iam::999999999999:policy/X", VerifyStatus.OtherAccount)]
    [TestCase("arn:aws:iam::123456789012:policy/Evil", VerifyStatus.Differs)]
    [TestCase("'!If [C, " + Arn + ", arn:aws:iam::999999999999:policy/X]'", VerifyStatus.Invalid)]
    [TestCase("!If [C, " + Arn + ", arn:aws:iam::999999999999:policy/X]", VerifyStatus.OtherAccount)]
    [TestCase(Arn, VerifyStatus.Bounded)]
    public void The_role_sam_makes_for_a_schedule_event_is_judged_by_the_events_boundary(string eventBoundary, VerifyStatus status)
    {
        var template = "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      PermissionsBoundary: " + Arn
            + "\n      Events:\n        Other:\n          Type: Api\n        S:\n          Type: ScheduleV2\n          Properties:\n            PermissionsBoundary: " + eventBoundary
            + "\n        Own:\n          Type: ScheduleV2\n          Properties:\n            RoleArn: arn:aws:iam::123456789012:role/r\n";
        var function = CloudFormationTemplate.Load(new SourceText("t.yaml", Encoding.UTF8.GetBytes(template)), PseudoParameters.Of("aws", "123456789012"))!.Principals.Should().ContainSingle().Subject;
        function.EventBoundaries.Should().ContainSingle("an event with its own RoleArn has no role made for it").Which.EventName.Should().Be("S");
        var result = Verifier.Judge("t.yaml", function, PolicyArn.Parse(Arn), new VerifyOptions());
        result.Status.Should().Be(status);
        if (status != VerifyStatus.Bounded)
            result.Message.Should().Contain("in the role SAM makes for its ScheduleV2 event S, at line 11");
    }

    [Test]
    public void An_intrinsic_that_may_give_a_string_is_judged_by_the_worst_string_it_may_give()
    {
        VerifyResult JudgeChoices(bool strict, params string[] choices) =>
            Verifier.Judge("t.json", new TemplateResource("R", TemplateResource.Role, 0, 1, 1, BoundaryKind.Intrinsic, null, true) { Choices = choices }, PolicyArn.Parse(Arn), new VerifyOptions(strict));

        var otherAccount = JudgeChoices(false, Arn, "arn:aws:iam::999999999999:policy/X", "arn:aws:iam::123456789012:policy/Evil");
        otherAccount.Should().Match<VerifyResult>(r => r.Status == VerifyStatus.OtherAccount && r.Level == "error");
        otherAccount.Message.Should().Contain("gives 'arn:aws:iam::999999999999:policy/X' under some conditions").And.Contain("another account");
        JudgeChoices(false, Arn, "not an arn").Status.Should().Be(VerifyStatus.Invalid);
        JudgeChoices(false, Arn, "arn:aws:iam::123456789012:policy/Evil").Should().Match<VerifyResult>(r => r.Status == VerifyStatus.Differs && r.Level == "warning");
        JudgeChoices(true, Arn, "arn:aws:iam::123456789012:policy/Evil").Level.Should().Be("error");
        JudgeChoices(false, Arn).Status.Should().Be(VerifyStatus.Kept, "the expected boundary under some conditions, something not known under others");
        JudgeChoices(false, Arn, "").Status.Should().Be(VerifyStatus.Kept, "no boundary under a condition is kept, as AWS::NoValue is");
    }

    [Test]
    public void A_role_without_the_boundary_fails_with_file_line_and_logical_id()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/function/f/f-cloudformation-template.json", Template(Role("Good", $"\"{Arn}\""), Role("LambdaExecutionRole", null)));
        project.Write("amplify/#current-cloud-backend/function/f/f-cloudformation-template.json", Template(Role("Ignored", null)));

        var result = Run(project, "verify");
        result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
        result.StdOut.Should().Contain("amplify/backend/function/f/f-cloudformation-template.json:10:5: error BOUNDARY001: LambdaExecutionRole (AWS::IAM::Role) has no PermissionsBoundary")
            .And.Contain("1 bounded").And.Contain("1 missing").And.NotContain("Ignored");
    }

    [Test]
    public void Bounded_and_kept_roles_pass_and_a_different_literal_is_a_warning_unless_strict()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/auth/a/template.json", Template(
            Role("Good", $"\"{Arn}\""),
            Role("Conditional", "{ \"Fn::If\": [\"HasBoundary\", { \"Ref\": \"BoundaryParameter\" }, { \"Ref\": \"AWS::NoValue\" }] }"),
            Role("Other", "\"arn:aws:iam::123456789012:policy/Other\"")));

        var result = Run(project, "verify");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("kept: Conditional").And.Contain("warning BOUNDARY002: Other").And.Contain("OK, with 1 warning(s).");

        var strict = Run(project, "verify", "--strict");
        strict.ExitCode.Should().Be(ExitCodes.Findings);
        strict.StdOut.Should().Contain("error BOUNDARY002");
    }

    [Test]
    public void A_boundary_of_another_account_is_an_error()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/api/x/build/stacks/S.json", Template(Role("R", "\"arn:aws:iam::999999999999:policy/Boundary\"")));
        var result = Run(project, "verify");
        result.ExitCode.Should().Be(ExitCodes.Findings);
        result.StdOut.Should().Contain("error BOUNDARY003: R (AWS::IAM::Role) has PermissionsBoundary arn:aws:iam::999999999999:policy/Boundary");
    }

    [Test]
    public void Users_count_only_with_include_users()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/custom/c/c-cloudformation-template.json",
            "{ \"Resources\": { \"U\": { \"Type\": \"AWS::IAM::User\", \"Properties\": {} }, \"S\": { \"Type\": \"AWS::IAM::ServiceLinkedRole\", \"Properties\": {} } } }");
        Run(project, "verify").ExitCode.Should().Be(0);
        var users = Run(project, "verify", "--include-users");
        users.ExitCode.Should().Be(ExitCodes.Findings);
        users.StdOut.Should().Contain("U (AWS::IAM::User) has no PermissionsBoundary").And.NotContain("S (");
    }

    // Pre-push bounds users when the project's settings say includeUsers: verify checks what pre-push bounds.
    [Test]
    public void Users_count_when_the_project_settings_include_them()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/custom/c/c-cloudformation-template.json",
            "{ \"Resources\": { \"U\": { \"Type\": \"AWS::IAM::User\", \"Properties\": {} } } }");
        project.Write("amplify/boundary-settings.json", "{\"includeUsers\": true}");

        var users = Run(project, "verify");

        users.ExitCode.Should().Be(ExitCodes.Findings, users.ToString());
        users.StdOut.Should().Contain("U (AWS::IAM::User) has no PermissionsBoundary");
        project.Write("amplify/boundary-settings.json", "{\"includeUsers\": \"yes\"}");
        var malformed = Run(project, "verify");
        malformed.ExitCode.Should().Be(ExitCodes.ProjectOrFile, malformed.ToString());
        malformed.StdErr.Should().Contain("'includeUsers' must be true or false");
    }

    [TestCase("{\"includeusers\": true}", "'includeusers' is not a setting")]
    [TestCase("{\"includeUsers\": true, \"mode\": \"persist\"}", "'mode' is not a setting")]
    [TestCase("[{\"includeUsers\": true}]", "expected a JSON object at the top level")]
    [TestCase("{\"includeUsers\": false, \"\\u0069ncludeUsers\": true}", "'includeUsers' appears twice")]
    public void A_project_setting_the_tool_does_not_know_is_refused_not_ignored(string settings, string message)
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/custom/c/c-cloudformation-template.json", "{ \"Resources\": { \"U\": { \"Type\": \"AWS::IAM::User\", \"Properties\": {} } } }");
        project.Write("amplify/boundary-settings.json", settings);
        var before = project.Snapshot();
        foreach (var command in new[] { new[] { "verify" }, ["hook", "pre-push", "--env", "dev"] })
        {
            var result = Run(project, command);
            result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
            result.StdErr.Should().Contain("boundary-settings.json:1:").And.Contain(message).And.NotContain("   at ");
        }
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Without_a_boundary_for_the_env_verify_needs_arn()
    {
        using var project = ProjectWithBoundary(null);
        project.Write("amplify/backend/f.json", Template(Role("R", null)));
        var result = Run(project, "verify");
        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.StdErr.Should().Contain("Env 'dev' has no permissions boundary").And.Contain("--arn");

        var withArn = Run(project, "verify", "--arn", Arn);
        withArn.ExitCode.Should().Be(ExitCodes.Findings);
        Run(project, "verify", "--arn", "arn:aws:iam::1:policy/x").ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Test]
    public void Arbitrary_templates_need_no_project_with_arn()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-cdk").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "cdk.out"));
            File.WriteAllText(Path.Combine(folder, "cdk.out", "Stack.template.json"), Template(Role("CdkRole", null)));
            var result = CliRunner.Run(folder, "", NoEnvironment, "verify", "--arn", Arn, "cdk.out");
            result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
            result.StdOut.Should().Contain("cdk.out/Stack.template.json:3:5: error BOUNDARY001: CdkRole");

            CliRunner.Run(folder, "", NoEnvironment, "verify", "cdk.out").ExitCode.Should().Be(ExitCodes.ProjectOrFile, "without --arn the env's boundary is needed");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void An_unparseable_template_is_a_file_error_naming_line_and_column()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/bad/template.json", "{\n  \"Resources\": {\n    \"R\": { \"Type\": \"AWS::IAM::Role\", }\n");
        var result = Run(project, "verify");
        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        result.StdOut.Should().MatchRegex(@"bad/template\.json:\d+:\d+");
    }

    [Test]
    public void Json_has_the_documented_shape()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/f/t.json", Template(Role("Good", $"\"{Arn}\""), Role("Missing", null)));
        var result = Run(project, "verify", "--format", "json");
        result.ExitCode.Should().Be(ExitCodes.Findings);
        var json = JObject.Parse(result.StdOut);
        json["version"]!.Value<int>().Should().Be(1);
        json["ok"]!.Value<bool>().Should().BeFalse();
        json["exitCode"]!.Value<int>().Should().Be(1);
        json["expected"]!.ToString().Should().Be(Arn);
        json["env"]!.ToString().Should().Be("dev");
        json["summary"]!["principals"]!.Value<int>().Should().Be(2);
        json["summary"]!["missing"]!.Value<int>().Should().Be(1);
        var missing = json["principals"]!.Single(p => p["logicalId"]!.ToString() == "Missing");
        missing["file"]!.ToString().Should().Be("amplify/backend/f/t.json");
        missing["line"]!.Value<int>().Should().Be(10);
        missing["status"]!.ToString().Should().Be("missing");
        missing["ruleId"]!.ToString().Should().Be("BOUNDARY001");
        missing["level"]!.ToString().Should().Be("error");
        json["principals"]!.Single(p => p["logicalId"]!.ToString() == "Good")["status"]!.ToString().Should().Be("bounded");

        Run(project, "verify", "--json").StdOut.Should().Be(result.StdOut, "--json is --format json");
    }

    [Test]
    public void Sarif_is_a_valid_2_1_0_log_with_relative_locations()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/function/my fn/t.json", Template(Role("Good", $"\"{Arn}\""), Role("Missing", null), Role("Other", "\"arn:aws:iam::123456789012:policy/Other\"")));
        var result = Run(project, "verify", "--format", "sarif");
        result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
        var log = JObject.Parse(result.StdOut);
        SarifShape.Check(log);
        var run = log["runs"]![0]!;
        run["tool"]!["driver"]!["rules"]!.Select(r => r["id"]!.ToString()).Should().Contain("BOUNDARY001");
        var results = run["results"]!.ToList();
        results.Should().HaveCount(2);
        var missing = results.Single(r => r["ruleId"]!.ToString() == "BOUNDARY001");
        missing["level"]!.ToString().Should().Be("error");
        missing["message"]!["text"]!.ToString().Should().Contain("Missing (AWS::IAM::Role) has no PermissionsBoundary");
        var location = missing["locations"]![0]!["physicalLocation"]!;
        location["artifactLocation"]!["uri"]!.ToString().Should().Be("amplify/backend/function/my%20fn/t.json");
        location["artifactLocation"]!["uriBaseId"]!.ToString().Should().Be("%SRCROOT%");
        location["region"]!["startLine"]!.Value<int>().Should().Be(10);
        location["region"]!["startColumn"]!.Value<int>().Should().Be(5);
        results.Single(r => r["ruleId"]!.ToString() == "BOUNDARY002")["level"]!.ToString().Should().Be("warning");
    }

    [Test]
    public void Sarif_reports_unparseable_files_as_notifications_and_output_writes_a_file()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/bad.json", "{ \"Resources\": { \"R\": { \"Type\": \"AWS::IAM::Role\" ");
        var result = Run(project, "verify", "--format", "sarif", "--output", "out/boundary.sarif");
        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile);
        result.StdOut.Should().Contain("wrote the sarif report to out/boundary.sarif");
        var log = JObject.Parse(project.Read("out/boundary.sarif"));
        SarifShape.Check(log);
        var invocation = log["runs"]![0]!["invocations"]![0]!;
        invocation["executionSuccessful"]!.Value<bool>().Should().BeFalse();
        invocation["toolExecutionNotifications"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.ToString().Should().Be("amplify/backend/bad.json");
    }

    [Test]
    public void With_json_and_output_stdout_gets_the_outcome_as_json_and_the_file_the_report()
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/api/r.json", "{ \"Resources\": { \"R\": { \"Type\": \"AWS::IAM::Role\", \"Properties\": {} } } }");

        var result = Run(project, "verify", "--json", "--output", "out/report.json");

        result.ExitCode.Should().Be(ExitCodes.Findings);
        var outcome = JObject.Parse(result.StdOut);
        outcome["ok"]!.Value<bool>().Should().BeFalse();
        outcome["exitCode"]!.Value<int>().Should().Be(ExitCodes.Findings);
        outcome["report"]!.ToString().Should().Be(project.PathOf("out/report.json"));
        outcome["summary"]!["missing"]!.Value<int>().Should().Be(1);
        var report = JObject.Parse(project.Read("out/report.json"));
        report["summary"].Should().BeEquivalentTo(outcome["summary"]);
        report["principals"]!.Should().ContainSingle();
    }

    [Test]
    public void Help_and_bad_format()
    {
        using var project = ProjectWithBoundary();
        var help = Run(project, "verify", "--help");
        help.ExitCode.Should().Be(0);
        help.StdOut.Should().Contain("--format").And.Contain("--arn").And.Contain("--strict").And.Contain("--include-users").And.Contain("--output");
        Run(project, "verify", "--format", "xml").ExitCode.Should().Be(ExitCodes.Usage);
    }

    [TestCase("/", "--output / names a folder")]
    [TestCase("y/z/", "--output y/z/ names a folder")]
    [TestCase("", "--output needs a file name")]
    public void An_output_that_names_a_folder_or_nothing_is_a_usage_error(string output, string message)
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/f/t.json", Template(Role("R", null)));

        var result = Run(project, "verify", "--output", output);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
        result.StdErr.Should().Contain(message);
        Directory.Exists(project.PathOf("y")).Should().BeFalse();
    }

    [TestCase("text")]
    [TestCase("sarif")]
    public void Json_with_another_format_is_a_usage_error(string format)
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/f/t.json", Template(Role("R", null)));

        var result = Run(project, "verify", "--json", "--format", format);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
        result.StdErr.Should().Contain($"--json and --format {format} exclude each other");
    }

    [TestCase("amplify/team-provider-info.json")]
    [TestCase("amplify/backend/amplify-meta.json")]
    [TestCase("amplify/.config/local-env-info.json")]
    [TestCase("./amplify/../amplify/team-provider-info.json")]
    [TestCase("amplify/boundary-settings.json")] // none yet: a report there would break every later push
    [TestCase("amplify/.boundary/push-journal.jsonl")]
    [TestCase("amplify/.boundary/lock")]
    [TestCase("amplify/.boundary/.gitignore")]
    [TestCase("lock-link")] // a hard link to the state folder's lock, outside it
    [TestCase("settings-link")] // a hard link to team-provider-info.json
    public void A_report_that_would_replace_a_settings_or_state_file_is_refused(string output)
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/f/t.json", Template(Role("R", null)));
        // The state folder as a push leaves it: its lock and .gitignore.
        Hooks.HookTestSupport.Hook(project, "pre-push").ExitCode.Should().Be(0);
        Hooks.HookTestSupport.Hook(project, "post-push").ExitCode.Should().Be(0);
        File.Exists(project.PathOf("amplify/.boundary/.gitignore")).Should().BeTrue();
        File.Exists(project.PathOf("amplify/.boundary/lock")).Should().BeTrue();
        if (output == "lock-link")
            HardLink(project.PathOf("amplify/.boundary/lock"), project.PathOf(output));
        if (output == "settings-link")
            HardLink(project.PathOf("amplify/team-provider-info.json"), project.PathOf(output));
        var before = File.Exists(project.PathOf(output)) ? File.ReadAllBytes(project.PathOf(output)) : null;

        var result = Run(project, "verify", "--output", output);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
        // amplify-meta.json is among the files verify reads as templates: refused as one of those.
        result.StdErr.Should().Contain("would replace").And.Contain("Nothing was written");
        (File.Exists(project.PathOf(output)) ? File.ReadAllBytes(project.PathOf(output)) : null).Should().Equal(before);
    }

    [TestCase("amplify/backend/f/t.json")]
    [TestCase("report.json")] // a link to the template
    [TestCase("shared/t.json")] // the template's file, which verify reaches through a link whose target goes up from another link
    public void A_report_that_would_replace_a_template_it_checks_is_refused(string output)
    {
        using var project = ProjectWithBoundary();
        project.Write("amplify/backend/f/t.json", Template(Role("R", null)));
        if (output == "report.json")
            File.CreateSymbolicLink(project.PathOf(output), "amplify/backend/f/t.json");
        if (output == "shared/t.json")
        {
            // f/t.json -> sub/../t.json, f/sub -> ../../../shared/sub: the kernel goes up from shared/sub, not from f.
            Directory.CreateDirectory(project.PathOf("shared/sub"));
            File.Move(project.PathOf("amplify/backend/f/t.json"), project.PathOf("shared/t.json"));
            File.CreateSymbolicLink(project.PathOf("amplify/backend/f/sub"), "../../../shared/sub");
            File.CreateSymbolicLink(project.PathOf("amplify/backend/f/t.json"), "sub/../t.json");
        }
        var before = project.Read("amplify/backend/f/t.json");

        var result = Run(project, "verify", "--output", output);

        result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
        result.StdErr.Should().Contain($"--output {output} is ").And.Contain("a template this run checks: the report would replace it. Nothing was written");
        project.Read("amplify/backend/f/t.json").Should().Be(before);
    }
}

/// <summary>
/// The parts of the SARIF 2.1.0 schema a consumer such as GitHub code scanning relies on: the required
/// properties and value constraints of every object this tool writes.
/// </summary>
public static class SarifShape
{
    private static readonly string[] Levels = ["none", "note", "warning", "error"];

    public static void Check(JObject log)
    {
        log["version"]!.ToString().Should().Be("2.1.0");
        log["$schema"]!.ToString().Should().StartWith("https://").And.Contain("sarif-schema-2.1.0.json");
        var runs = log["runs"].Should().BeOfType<JArray>().Subject;
        runs.Should().HaveCount(1);
        var run = (JObject)runs[0];
        var driver = (JObject)run["tool"]!["driver"]!;
        driver["name"]!.ToString().Should().Be("dotnet-boundary");
        driver["version"]!.ToString().Should().NotBeNullOrEmpty();
        Uri.IsWellFormedUriString(driver["informationUri"]!.ToString(), UriKind.Absolute).Should().BeTrue();
        var rules = driver["rules"]!.Cast<JObject>().ToList();
        rules.Should().NotBeEmpty();
        rules.Select(r => r["id"]!.ToString()).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().MatchRegex("^BOUNDARY\\d{3}$"));
        foreach (var rule in rules)
        {
            rule["shortDescription"]!["text"]!.ToString().Should().NotBeNullOrEmpty();
            rule["fullDescription"]!["text"]!.ToString().Should().NotBeNullOrEmpty();
            rule["help"]!["text"]!.ToString().Should().NotBeNullOrEmpty();
            Levels.Should().Contain(rule["defaultConfiguration"]!["level"]!.ToString());
        }
        rules.Single(r => r["id"]!.ToString() == "BOUNDARY001")["name"]!.ToString().Should().Be("missing-permissions-boundary");
        foreach (var result in run["results"]!.Cast<JObject>())
        {
            var ruleId = result["ruleId"]!.ToString();
            var index = result["ruleIndex"]!.Value<int>();
            rules[index]["id"]!.ToString().Should().Be(ruleId);
            Levels.Should().Contain(result["level"]!.ToString());
            result["message"]!["text"]!.ToString().Should().NotBeNullOrEmpty();
            foreach (var location in result["locations"]!)
            {
                var artifact = location["physicalLocation"]!["artifactLocation"]!;
                var uri = artifact["uri"]!.ToString();
                Uri.IsWellFormedUriString(uri, UriKind.Relative).Should().BeTrue(uri);
                uri.Should().NotContain("\\").And.NotStartWith("/");
                artifact["uriBaseId"]!.ToString().Should().Be("%SRCROOT%");
                location["physicalLocation"]!["region"]!["startLine"]!.Value<int>().Should().BePositive();
                location["physicalLocation"]!["region"]!["startColumn"]!.Value<int>().Should().BePositive();
            }
        }
        foreach (var invocation in run["invocations"] ?? new JArray())
        {
            invocation["executionSuccessful"]!.Type.Should().Be(JTokenType.Boolean);
            foreach (var notification in invocation["toolExecutionNotifications"] ?? new JArray())
                notification["message"]!["text"]!.ToString().Should().NotBeNullOrEmpty();
        }
    }
}
