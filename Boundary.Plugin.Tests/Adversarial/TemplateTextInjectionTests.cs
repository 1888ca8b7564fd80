using Boundary.Core;
using Boundary.Tests.Hooks;
using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A template's own text (its logical ids, a value where an ARN belongs, a comment beside a role, a
/// folder's name) never acts on the terminal and never adds a line to the report: a hostile project
/// could otherwise colour, move or erase what the user reads, or print a line that passes for the tool's.
/// </summary>
[Category("Unit")]
public class TemplateTextInjectionTests
{
    private const string HostileId = "R\\u001b[2K\\nFAKE: bounded";

    private static readonly string HostileTemplate =
        "{\"Resources\": {\"" + HostileId + "\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"PermissionsBoundary\": \"x\\nFAKE: \\u001b[1A\\u202e\"}}," +
        " \"Q\\rFAKE\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}}}}";

    [Test]
    public void Verify_prints_a_hostile_logical_id_and_value_escaped_on_the_line_of_their_finding()
    {
        using var project = AttackProject.Create("json", HostileTemplate);

        var result = project.Verify();

        result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
        ShouldBeSafe(result);
        result.StdOut.Should().Contain("R\\u001B[2K\\u000AFAKE: bounded").And.Contain("x\\u000AFAKE: \\u001B[1A\\u202E").And.Contain("Q\\u000DFAKE");
    }

    [Test]
    public void Verify_as_json_keeps_the_names_as_they_are()
    {
        using var project = AttackProject.Create("json", HostileTemplate);

        var result = project.Verify("--json");

        ShouldBeSafe(result);
        var ids = Newtonsoft.Json.Linq.JObject.Parse(result.StdOut)["principals"]!.Select(p => (string?)p["logicalId"]);
        ids.Should().BeEquivalentTo(["R\u001b[2K\nFAKE: bounded", "Q\rFAKE"]);
    }

    [Test]
    public void A_dry_run_diff_shows_a_templates_control_characters_escaped()
    {
        using var project = AttackProject.Create("yaml", "Resources:\r\n  R:   # \u202eevil \u001b]0;title\u0007\r\n    Type: AWS::IAM::Role\r\n    Properties:\r\n      RoleName: r\r\n");

        var result = HookTestSupport.Hook(project.Project, "pre-push", null, "--dry-run");

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        ShouldBeSafe(result);
        result.StdOut.Should().Contain("\\u202Eevil \\u001B]0;title\\u0007\r\n").And.Contain("+      PermissionsBoundary: " + AttackProject.DevArn + "\r\n");
    }

    [TestCase("verify")]
    [TestCase("pre-push")]
    [TestCase("dry-run")]
    public void A_template_whose_folder_name_holds_a_line_feed_is_refused_and_nothing_changes(string command)
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        project.Project.Write("amplify/backend/custom/x\nFAKE: all bounded/x-cloudformation-template.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        var result = command switch
        {
            "verify" => project.Verify(),
            "pre-push" => project.PrePush(),
            _ => HookTestSupport.Hook(project.Project, "pre-push", null, "--dry-run"),
        };

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        ShouldBeSafe(result);
        result.StdErr.Should().Contain("x\\u000AFAKE: all bounded/x-cloudformation-template.json: its path holds a control or format character");
        result.StdErr.TrimEnd('\n').Split('\n').Should().ContainSingle();
        project.ShouldEqual(before);
    }

    private static void ShouldBeSafe(CliResult result)
    {
        var all = result.StdOut + result.StdErr;
        all.Should().NotContainAny("\u001b", "\u202e", "\u0007", "\u009b");
        all.Replace("\r\n", "\n").Should().NotContain("\r");
        all.Split('\n').Should().NotContain(line => line.StartsWith("FAKE") || line.StartsWith("error: FAKE"));
    }

    [Test]
    public void A_file_error_that_quotes_a_hostile_name_keeps_it_under_its_own_line()
    {
        using var project = AttackProject.Create("json", "{\"Resources\": {\"R\\nerror: FAKE\": {\"Type\": \"AWS::IAM::Role\"}, \"R\\nerror: FAKE\": {\"Type\": \"AWS::IAM::Role\"}}}");

        var verify = project.Verify();
        var pre = project.PrePush();

        verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        ShouldBeSafe(verify);
        ShouldBeSafe(pre);
        (verify.StdOut + pre.StdErr).Should().Contain("\n  error: FAKE", "the quoted name's line feed starts an indented line, never one at the margin");
    }

    [Test]
    public void A_parser_message_that_quotes_its_input_keeps_it_under_its_own_line()
    {
        using var project = AttackProject.Create("json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"X\": tr\nerror: FAKE}}}");

        var result = project.Verify();

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        ShouldBeSafe(result);
    }

    [Test]
    public void An_env_name_from_the_payload_with_a_line_feed_keeps_it_under_its_own_line()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));

        var result = HookTestSupport.Hook(project.Project, "pre-push", HookTestSupport.Payload(project.Root, env: "qq\nerror: FAKE"));

        ShouldBeSafe(result);
    }

    [Test]
    public void A_template_whose_folder_name_holds_a_backslash_is_refused_as_the_journal_could_not_name_it()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        project.Project.Write("amplify/backend/custom/a\\b/x-cloudformation-template.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        var result = project.PrePush();

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        result.StdErr.Should().Contain("a\\b/x-cloudformation-template.json: its path holds a backslash");
        project.ShouldEqual(before);
    }

    [Test]
    public void A_template_named_with_bytes_that_are_not_utf8_is_refused_not_skipped()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var folder = project.Project.PathOf("amplify/backend/custom/attack");
        var made = ProcessRunner.Run(new System.Diagnostics.ProcessStartInfo("bash", ["-c", "cp attack-cloudformation-template.json $'x\\xff-template.json'"]) { WorkingDirectory = folder }, null, TimeSpan.FromSeconds(30));
        made.ExitCode.Should().Be(0, made.ToString());

        var verify = project.Verify();
        var pre = project.PrePush();

        verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("-template.json: cannot be opened by its name (removed meanwhile, or a name that is not valid UTF-8)");
        project.Read(AttackProject.TemplatePath("json")).Should().Be(AttackProject.JsonRole("\"AWS::IAM::Role\""));
        File.Exists(project.Project.PathOf("amplify/.boundary/push-journal.jsonl")).Should().BeFalse();
    }

    [Test]
    public void A_template_named_with_an_invisible_tag_character_is_refused()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        project.Project.Write("amplify/backend/custom/attack/attack-cloudformation\U000E0020-template.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        var result = project.PrePush();

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        result.StdErr.Should().Contain("attack-cloudformation\\U000E0020-template.json: its path holds a control or format character");
        project.ShouldEqual(before);
    }

    [Test]
    public void A_name_that_is_not_utf8_beside_the_name_it_decodes_to_is_refused()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\", \"PermissionsBoundary\": \"" + AttackProject.DevArn + "\""));
        var folder = project.Project.PathOf("amplify/backend/custom/attack");
        // The valid twin (U+FFFD spelled out) holds a bounded role; the name that is not UTF-8, an unbounded one.
        var made = ProcessRunner.Run(new System.Diagnostics.ProcessStartInfo("bash",
            ["-c", "cp attack-cloudformation-template.json $'x\\xef\\xbf\\xbd-template.json' && printf '%s' \"$0\" > $'x\\xff-template.json'", AttackProject.JsonRole("\"AWS::IAM::Role\"")]) { WorkingDirectory = folder }, null, TimeSpan.FromSeconds(30));
        made.ExitCode.Should().Be(0, made.ToString());

        var verify = project.Verify();

        verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
        verify.StdErr.Should().Contain("another entry beside it has a name that is not valid UTF-8 and reads as this one ('ls -b' shows its bytes)");
    }

    [Test]
    public void A_refusal_after_an_earlier_runs_undo_says_that_undo_happened()
    {
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();
        project.PrePush().ExitCode.Should().Be(0);
        project.Project.Write("amplify/backend/custom/x\u202ey/x-cloudformation-template.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));

        var again = project.PrePush();

        again.ExitCode.Should().Be(ExitCodes.ProjectOrFile, again.ToString());
        again.StdErr.Should().Contain("Nothing was changed.").And.Contain("\n  Before that, 1 file an earlier run had changed was put back.");
        File.Delete(project.Project.PathOf("amplify/backend/custom/x\u202ey/x-cloudformation-template.json"));
        Directory.Delete(project.Project.PathOf("amplify/backend/custom/x\u202ey"));
        project.ShouldEqual(before);
    }

    [Test]
    public void A_json_report_file_shows_a_bidirectional_override_escaped_and_keeps_the_name()
    {
        using var project = AttackProject.Create("json", HostileTemplate);

        var result = project.Verify("--format", "json", "--output", "report.json");

        ShouldBeSafe(result);
        var text = File.ReadAllText(project.Project.PathOf("report.json"));
        text.Should().NotContainAny("\u202e", "\u001b");
        var ids = Newtonsoft.Json.Linq.JObject.Parse(text)["principals"]!.Select(p => (string?)p["logicalId"]);
        ids.Should().Contain("R\u001b[2K\nFAKE: bounded");
    }

    [Test]
    public void A_folder_whose_name_has_a_colon_second_is_an_ordinary_name()
    {
        // The journal refuses "x:" at the start of its own paths, which all begin with amplify/: a folder
        // below the backend named so is an ordinary name.
        using var project = AttackProject.Create("json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        project.Project.Write("amplify/backend/a:b/x-cloudformation-template.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        project.PrePush().ExitCode.Should().Be(ExitCodes.Success);
        project.PostPush().ExitCode.Should().Be(ExitCodes.Success);

        project.ShouldEqual(before);
    }

    [TestCase("json", null)]
    [TestCase("json", "--dry-run")]
    [TestCase("json", "--persist")]
    public void A_role_whose_logical_id_the_journal_cannot_record_stops_pre_push_before_any_write(string format, string? option)
    {
        using var project = AttackProject.Create(format, "{\"Resources\": {\"Audit\\u0007Writer\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}}}}");
        var before = project.Snapshot();

        var pre = HookTestSupport.Hook(project.Project, "pre-push", null, option is null ? [] : [option]);

        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("Audit\\u0007Writer (AWS::IAM::Role): its logical id is empty or holds a control character, which the push journal cannot record");
        project.ShouldEqual(before);
        File.Exists(project.Project.PathOf("amplify/.boundary/push-journal.jsonl")).Should().BeFalse();
    }

    [TestCase("verify")]
    [TestCase("inject")]
    public void A_template_given_by_a_name_with_a_line_feed_is_refused_as_in_a_folder(string command)
    {
        // A shell's glob hands over whatever names a clone holds.
        using var project = TempProject.Minimal();
        project.Write("g/x\nerror: FAKE.json", AttackProject.JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();

        var result = CliRunner.Run(project.Root, command, "g/x\nerror: FAKE.json", "--arn", AttackProject.DevArn);

        result.ExitCode.Should().Be(ExitCodes.ProjectOrFile, result.ToString());
        result.StdErr.Should().Contain("its path holds a control or format character");
        ShouldBeSafe(result);
        project.ShouldEqualSnapshot(before);
    }
}
