using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Snapshots;

/// <summary>Every --json document of the commands that need no AWS, run in-process on a copy of a fixture.</summary>
[TestFixture]
[Category("Unit")]
public sealed class CommandJsonSnapshotTests
{
    private TempProject project = null!;

    [SetUp]
    public void CopyFixture() => project = TempProject.FromFixture("multi-env");

    [TearDown]
    public void RemoveCopy() => project.Dispose();

    private string Run(int exitCode, params string[] args) => RunWith(null, exitCode, args);

    private string RunWith(string? stdin, int exitCode, params string[] args)
    {
        var result = CliRunner.Run(project.Root, stdin ?? "", new Dictionary<string, string?>(), args);
        result.ExitCode.Should().Be(exitCode, result.ToString());
        return result.StdOut.Replace(project.Root, "<root>").Replace(Program.Version, "<version>");
    }

    [Test]
    public void Get_json_matches_its_snapshot() => Snapshot.Match("get.json", Run(0, "get", "--json"));

    [Test]
    public void List_json_matches_its_snapshot() => Snapshot.Match("list.json", Run(0, "list", "--json"));

    [Test]
    public void Set_json_matches_its_snapshot() => Snapshot.Match("set.json", Run(0, "set", ProdArn, "--env", "dev", "--json"));

    [Test]
    public void Remove_json_matches_its_snapshot() => Snapshot.Match("remove.json", Run(0, "remove", "--env", "dev", "--json"));

    [Test]
    public void Error_json_matches_its_snapshot() => Snapshot.Match("error.json", Run(2, "set", "not-an-arn", "--json"));

    [Test]
    public void Env_add_json_matches_its_snapshot() =>
        Snapshot.Match("env-add.json", Run(0, "env", "add", "test", "--permissions-boundary", DevArn, "--create", "--json"));

    [Test]
    public void Hook_install_status_and_uninstall_json_match_their_snapshots()
    {
        Snapshot.Match("hook-install.json", Run(0, "hook", "install", "--json"));
        Snapshot.Match("hook-status.json", Run(0, "hook", "status", "--json"));
        Snapshot.Match("hook-uninstall.json", Run(0, "hook", "uninstall", "--json"));
    }

    [Test]
    public void Pre_push_dry_run_json_matches_its_snapshot() =>
        Snapshot.Match("hook-pre-push-dry-run.json", RunWith(Payload(project.Root), 0, "hook", "pre-push", "--dry-run", "--json"));

    [Test]
    public void Pre_push_then_post_push_json_match_their_snapshots()
    {
        Snapshot.Match("hook-pre-push.json", RunWith(Payload(project.Root), 0, "hook", "pre-push", "--json"));
        Snapshot.Match("hook-post-push.json", RunWith(Payload(project.Root), 0, "hook", "post-push", "--json"));
    }

    [Test]
    public void Restore_json_matches_its_snapshot() => Snapshot.Match("restore.json", Run(0, "restore", "--json"));

    [Test]
    public void Inject_dry_run_json_matches_its_snapshot() =>
        Snapshot.Match("inject-dry-run.json", Run(0, "inject", FnA, Groups, "--arn", DevArn, "--dry-run", "--json"));

    [Test]
    public void Verify_json_matches_its_snapshot() =>
        Snapshot.Match("verify.json", Run(1, "verify", "--format", "json"));

    [Test]
    public void Verify_json_with_output_matches_its_snapshot() =>
        Snapshot.Match("verify-output.json", Run(1, "verify", "--json", "--output", "report.json"));

    [Test]
    public void Verify_sarif_matches_its_snapshot() =>
        Snapshot.Match("verify.sarif.json", Run(1, "verify", "--format", "sarif"));

    [Test]
    public void Verify_sarif_with_a_file_error_matches_its_snapshot()
    {
        project.Write("amplify/backend/function/fnB/fnB-cloudformation-template.json", "{ \"Resources\": { \"R\": { \"Type\": \"AWS::IAM::Role\", ");
        Snapshot.Match("verify-file-error.sarif.json", Run(3, "verify", "--format", "sarif"));
    }
}
