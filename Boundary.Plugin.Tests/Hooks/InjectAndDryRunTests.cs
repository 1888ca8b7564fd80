using System.Diagnostics;
using System.Text;
using Boundary.Core;
using Boundary.Text;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class InjectAndDryRunTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/CdkBoundary";

    /// <summary>Runs git in <paramref name="folder"/>: 'git apply --check' must accept the diffs.</summary>
    private static CliResult Git(string folder, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return ProcessRunner.Run(start, stdin, TimeSpan.FromMinutes(1));
    }

    private static string ApplyCheck(string folder, string diff)
    {
        Git(folder, null, "init", "-q").ExitCode.Should().Be(0);
        var check = Git(folder, diff, "apply", "--check", "-v", "-");
        check.ExitCode.Should().Be(0, $"git apply --check must accept:\n{diff}\n{check}");
        return check.StdErr;
    }

    private static TempProject CdkOut()
    {
        var folder = new TempProject();
        folder.Write("cdk.out/Stack.template.json",
            "{\n \"Resources\": {\n  \"FnServiceRole\": {\n   \"Type\": \"AWS::IAM::Role\",\n   \"Properties\": {\n    \"AssumeRolePolicyDocument\": {}\n   }\n  },\n  \"Bucket\": {\n   \"Type\": \"AWS::S3::Bucket\"\n  }\n }\n}\n");
        folder.Write("cdk.out/manifest.json", "{ \"version\": \"36.0.0\", \"artifacts\": { \"x\": { \"type\": \"AWS::IAM::Role\" } } }");
        folder.Write("sam/template.json", "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"Path\":\"/\"}},\"U\":{\"Type\":\"AWS::IAM::User\",\"Properties\":{}}}}");
        return folder;
    }

    [TestCase("--dry-run")]
    [TestCase(null)]
    public void A_template_given_by_two_paths_is_planned_once(string? dryRun)
    {
        using var folder = CdkOut();
        File.CreateSymbolicLink(folder.PathOf("sam/link.json"), "template.json");

        var result = CliRunner.Run(folder.Root, ["inject", "sam/link.json", "sam/template.json", "--arn", Arn, .. dryRun is null ? Array.Empty<string>() : [dryRun]]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.StdOut.Should().Contain("1 file scanned, 1 template, 1 role and 1 user found; 1 injected");
        if (dryRun is not null)
            result.StdOut.Split("+++ ").Should().HaveCount(2, "one diff");
        else
            folder.Read("sam/template.json").Split(Arn).Should().HaveCount(2, "the boundary is written once");
    }

    [Test]
    public void The_summary_counts_one_file_one_template_one_role_and_one_user_in_the_singular()
    {
        using var folder = CdkOut();

        var result = CliRunner.Run(folder.Root, "inject", "sam/template.json", "--arn", Arn);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.StdOut.Should().Contain($"{Arn}: 1 file scanned, 1 template, 1 role and 1 user found; 1 injected, 0 kept, 0 updated, 0 removed, 1 skipped");
    }

    [Test]
    public void Inject_edits_any_templates_and_folders_persistently()
    {
        using var folder = CdkOut();
        var manifest = folder.Read("cdk.out/manifest.json");

        var result = CliRunner.Run(folder.Root, "inject", "cdk.out", "sam/template.json", "--arn", Arn);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.StdOut.Should().Contain("changed cdk.out/Stack.template.json (1 injected)");
        result.StdOut.Should().Contain($"{Arn}: 3 files scanned, 2 templates, 2 roles and 1 user found; 2 injected, 0 kept");

        folder.Read("cdk.out/Stack.template.json").Should().Contain($"    \"PermissionsBoundary\": \"{Arn}\",\n    \"AssumeRolePolicyDocument\"");
        folder.Read("sam/template.json").Should().Contain($"\"Properties\":{{\"PermissionsBoundary\":\"{Arn}\",\"Path\":\"/\"}}");
        folder.Read("cdk.out/manifest.json").Should().Be(manifest);
        Directory.Exists(Path.Combine(folder.Root, "amplify")).Should().BeFalse("inject keeps no journal");

        var again = CliRunner.Run(folder.Root, "inject", "cdk.out", "sam", "--arn", Arn, "--include-users", "--json");
        var document = JObject.Parse(again.StdOut);
        document["summary"]!["injected"]!.Value<int>().Should().Be(1, "only the user is new");
        document["summary"]!["kept"]!.Value<int>().Should().Be(2);
    }

    [Test]
    public void Inject_validates_its_arguments()
    {
        using var folder = CdkOut();
        CliRunner.Run(folder.Root, "inject", "cdk.out").ExitCode.Should().Be(ExitCodes.Usage);
        CliRunner.Run(folder.Root, "inject", "cdk.out", "--arn", "arn:aws:iam::12:policy/x").ExitCode.Should().Be(ExitCodes.Usage);
        CliRunner.Run(folder.Root, "inject", "--arn", Arn).ExitCode.Should().Be(ExitCodes.Usage);
        CliRunner.Run(folder.Root, "inject", "nope", "--arn", Arn).ExitCode.Should().Be(ExitCodes.ProjectOrFile);
    }

    [Test]
    public void Inject_dry_run_prints_a_diff_git_apply_accepts_and_writes_nothing()
    {
        using var folder = CdkOut();
        var before = folder.Snapshot();

        var result = CliRunner.Run(folder.Root, "inject", ".", "--arn", Arn, "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        folder.ShouldEqualSnapshot(before);
        var diff = result.StdOut[..result.StdOut.LastIndexOf(Arn + ":", StringComparison.Ordinal)];
        diff.Should().Contain("--- a/cdk.out/Stack.template.json\n+++ b/cdk.out/Stack.template.json\n@@ -3,6 +3,7 @@\n");
        diff.Should().Contain($"+    \"PermissionsBoundary\": \"{Arn}\",\n");
        diff.Should().Contain("--- a/sam/template.json").And.Contain("\\ No newline at end of file");
        ApplyCheck(folder.Root, diff);
        result.StdOut.Should().Contain("Dry run: nothing written.");
    }

    [Test]
    public void A_dry_run_diff_of_a_path_with_a_space_applies_with_git_apply_and_gnu_patch()
    {
        using var folder = new TempProject();
        folder.Write("my stack/template.json", "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"Path\":\"/\"}}}}\n");

        var result = CliRunner.Run(folder.Root, "inject", ".", "--arn", Arn, "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        var diff = result.StdOut[..result.StdOut.LastIndexOf(Arn + ":", StringComparison.Ordinal)];
        diff.Should().Contain("--- a/my stack/template.json\t\n+++ b/my stack/template.json\t\n", "a name with a space ends with a tab, as git writes it");
        ApplyCheck(folder.Root, diff);
        var patch = new ProcessStartInfo("patch", ["-p1", "--dry-run"]) { WorkingDirectory = folder.Root };
        if (!File.Exists("/usr/bin/patch") && !File.Exists("/bin/patch"))
            Assert.Ignore("GNU patch is not installed here: only git apply was checked.");
        var patched = ProcessRunner.Run(patch, diff, TimeSpan.FromMinutes(1));
        patched.ExitCode.Should().Be(0, patched.ToString());
        patched.StdOut.Should().Contain("my stack/template.json");
    }

    [Test]
    public void A_name_at_the_limit_of_its_temp_file_is_written()
    {
        // 209 bytes: with the dot, a 7-digit process id, the GUID and ".tmp" the temp file's name is 255.
        using var folder = CdkOut();
        var template = $"sam/{new string('t', 204)}.json";
        File.Move(Path.Combine(folder.Root, "sam/template.json"), Path.Combine(folder.Root, template));

        var dryRun = CliRunner.Run(folder.Root, "inject", "sam", "--arn", Arn, "--dry-run");
        var real = CliRunner.Run(folder.Root, "inject", "sam", "--arn", Arn);

        dryRun.ExitCode.Should().Be(ExitCodes.Success, dryRun.ToString());
        real.ExitCode.Should().Be(ExitCodes.Success, real.ToString());
        folder.Read(template).Should().Contain(Arn);
    }

    [TestCase("read-only", "the file is read-only")]
    [TestCase("name too long", "the name is too long for the temp file")]
    public void A_dry_run_refuses_what_the_real_run_would_refuse(string problem, string message)
    {
        // A dry run stages nothing, but it must not pass what the run that stages would refuse.
        using var folder = CdkOut();
        var template = "sam/template.json";
        if (problem == "read-only")
        {
            File.SetUnixFileMode(Path.Combine(folder.Root, template), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
        else
        {
            template = $"sam/{new string('t', 210)}.json";
            File.Move(Path.Combine(folder.Root, "sam/template.json"), Path.Combine(folder.Root, template));
        }
        var before = folder.Snapshot();

        var dryRun = CliRunner.Run(folder.Root, "inject", "sam", "--arn", Arn, "--dry-run");
        var real = CliRunner.Run(folder.Root, "inject", "sam", "--arn", Arn);

        dryRun.ExitCode.Should().Be(ExitCodes.ProjectOrFile, dryRun.ToString());
        dryRun.StdErr.Should().Contain(message, dryRun.ToString());
        dryRun.StdOut.Should().NotContain("+++", "a dry run that fails prints no diff");
        real.ExitCode.Should().Be(ExitCodes.ProjectOrFile, real.ToString());
        real.StdErr.Should().Contain(message, real.ToString());
        folder.ShouldEqualSnapshot(before);
    }

    [Test]
    public void Pre_push_dry_run_prints_a_diff_of_every_template_git_apply_accepts_and_writes_nothing()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();

        var result = Hook(project, "pre-push", null, "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        project.ShouldEqualSnapshot(before);
        File.Exists(project.PathOf(Journal)).Should().BeFalse();
        var diff = result.StdOut[..result.StdOut.LastIndexOf("env 'dev'", StringComparison.Ordinal)];
        diff.Should().Contain($"--- a/{FnB}").And.Contain("\r\n");
        ApplyCheck(project.Root, diff).Should().Contain(Custom);

        var json = JObject.Parse(Hook(project, "pre-push", null, "--dry-run", "--json").StdOut);
        json["dryRun"]!.Value<bool>().Should().BeTrue();
        json["files"]!.Single(f => f["path"]!.Value<string>() == FnA)["diff"]!.Value<string>().Should().StartWith($"--- a/{FnA}\n+++ b/{FnA}\n@@ ");
    }

    [Test]
    public void Unified_diff_merges_nearby_edits_and_splits_distant_ones()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i}\n").ToList();
        var text = string.Concat(lines);
        var bytes = Encoding.UTF8.GetBytes(text);
        int OffsetOfLine(int line) => Encoding.UTF8.GetByteCount(string.Concat(lines.Take(line - 1)));
        var edits = new List<TextEdit>
        {
            TextEdit.Insertion(OffsetOfLine(5), "new A\n"),
            new(OffsetOfLine(8), "line 8".Length, "line eight"),
            TextEdit.Removal(OffsetOfLine(25), "line 25\n".Length),
        };

        var diff = UnifiedDiff.Render("f.txt", bytes, edits);

        diff.Should().Be(
            "--- a/f.txt\n+++ b/f.txt\n" +
            "@@ -2,10 +2,11 @@\n line 2\n line 3\n line 4\n+new A\n line 5\n line 6\n line 7\n-line 8\n+line eight\n line 9\n line 10\n line 11\n" +
            "@@ -22,7 +23,6 @@\n line 22\n line 23\n line 24\n-line 25\n line 26\n line 27\n line 28\n");
        using var folder = new TempProject();
        folder.Write("f.txt", text);
        ApplyCheck(folder.Root, diff);
        UnifiedDiff.Render("f.txt", bytes, []).Should().BeEmpty();
    }

    [Test]
    public void Unified_diff_of_a_long_line_keeps_characters_that_straddle_its_decoding_chunks()
    {
        // One line of 50,000 characters, many of them two, three and four bytes long, as in a minified template.
        var random = new Random(3);
        var pieces = new[] { "a", "é", "€", "😀", "\"", " " };
        var line = string.Concat(Enumerable.Range(0, 50_000).Select(_ => pieces[random.Next(pieces.Length)]));
        var text = "{\"first\": 1}\n" + line + "\n{\"last\": 2}";
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = Encoding.UTF8.GetByteCount("{\"first\": 1}\n" + line[..25_000]);

        var diff = UnifiedDiff.Render("f.json", bytes, [TextEdit.Insertion(offset, "ü")]);

        diff.Should().Be(
            "--- a/f.json\n+++ b/f.json\n@@ -1,3 +1,3 @@\n {\"first\": 1}\n" +
            $"-{line}\n+{line[..25_000]}ü{line[25_000..]}\n" +
            " {\"last\": 2}\n\\ No newline at end of file\n");
    }
}
