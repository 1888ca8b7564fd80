using Boundary.Tests.Support;

namespace Boundary.Tests.Host;

/// <summary>
/// Flows b and c on one project the host initialised with a boundary (so every role it deploys has one):
/// 'dotnet boundary hook install', then the host's 'amplify push' runs our hooks; then 'audit' against
/// what the host deployed.
/// </summary>
[Category("Host")]
[TestFixture]
public class HookedPushTests
{
    private HostLab lab = null!;
    private HostProject project = null!;
    private string arn = null!;
    private string resource = null!;
    private string snapshotDir = null!;
    private string firstPushSnapshot = null!;
    private CliResult firstPush = null!;

    [OneTimeSetUp]
    public void DeployWithOurHooks()
    {
        lab = HostLab.Start();
        arn = lab.CreatePolicy("boundary-hooked");
        project = lab.NewProject();
        var init = project.Init(extra: ["--permissions-boundary", arn]);
        init.ExitCode.Should().Be(0, init.ToString());
        resource = HostProject.NewResourceName();
        project.AddCustom(resource);
        snapshotDir = Path.Combine(lab.Root, "pre-push-seen");
        project.InstallHooks(snapshotDir);

        firstPush = project.Push();

        firstPushSnapshot = Path.Combine(lab.Root, "pre-push-seen-first");
        if (Directory.Exists(snapshotDir))
            Directory.Move(snapshotDir, firstPushSnapshot);
    }

    [OneTimeTearDown]
    public void StopLab() => lab?.Dispose();

    [Test]
    public void The_host_runs_our_hooks_and_deploys_the_templates_with_the_boundary()
    {
        firstPush.ExitCode.Should().Be(0, firstPush.ToString());
        firstPush.StdOut.Should().Contain("pre-push execution start").And.Contain("post-push execution start");
        firstPush.StdOut.Should().Contain($"env 'dev': {arn}: ").And.Contain("files scanned", "our pre-push summary line is in the host's output");
        firstPush.StdOut.Should().Contain("put back", "our post-push summary line is in the host's output");

        var seen = Path.Combine(firstPushSnapshot, "backend", "custom", resource, $"{resource}-cloudformation-template.json");
        File.Exists(seen).Should().BeTrue("the line chained after our call in pre-push.sh copied amplify/backend aside");
        HostProject.TemplateBoundary(seen).Should().Be(arn, "the template the host read after our hook carried the boundary");
        HostProject.TemplateBoundary(project.CustomTemplatePath(resource)).Should().BeNull("post-push took the boundary out again");
        File.ReadAllBytes(project.PathOf($"amplify/#current-cloud-backend/custom/{resource}/{resource}-cloudformation-template.json"))
            .Should().Equal(File.ReadAllBytes(project.CustomTemplatePath(resource)), "post-push undid the edit in the host's copy too");
        lab.RoleBoundary(HostProject.CustomRoleName(resource)).Should().Be(arn);
    }

    [Test]
    public void Post_push_puts_every_file_back_byte_for_byte_and_status_shows_no_change()
    {
        firstPush.ExitCode.Should().Be(0, "the first push deploys the resource and lets the host stamp its template: " + firstPush);
        // The host itself rewrites amplify-meta.json on every push (lastPushTimeStamp, checked without hooks): not ours to compare.
        static bool NotMeta(string path) => path != "amplify-meta.json";
        var backend = project.Snapshot("amplify/backend", NotMeta);
        var cloudBackend = project.Snapshot("amplify/#current-cloud-backend", NotMeta);

        var push = project.Push("--force");

        push.ExitCode.Should().Be(0, push.ToString());
        push.StdOut.Should().Contain("files scanned").And.Contain("put back");
        var seen = Path.Combine(snapshotDir, "backend", "custom", resource, $"{resource}-cloudformation-template.json");
        HostProject.TemplateBoundary(seen).Should().Be(arn, "pre-push injected the boundary for this push too");
        AssertSame(project.Snapshot("amplify/backend", NotMeta), backend, "amplify/backend");
        AssertSame(project.Snapshot("amplify/#current-cloud-backend", NotMeta), cloudBackend, "amplify/#current-cloud-backend");

        var status = project.Status();

        status.ExitCode.Should().Be(0, status.ToString());
        status.StdOut.Should().Contain("No Change");
        HostProject.ChangedResources(status.StdOut).Should().BeEmpty(status.StdOut);
    }

    [Test]
    public void Audit_passes_fails_naming_a_role_whose_boundary_was_deleted_and_fix_puts_it_back()
    {
        firstPush.ExitCode.Should().Be(0, firstPush.ToString());
        var role = HostProject.CustomRoleName(resource);

        var clean = project.Tool("audit");
        clean.ExitCode.Should().Be(0, clean.ToString());

        lab.DeleteRoleBoundary(role);
        var drift = project.Tool("audit");
        drift.ExitCode.Should().Be(1, drift.ToString());
        (drift.StdOut + drift.StdErr).Should().Contain(role);

        var fix = project.Tool("audit", "--fix", "--yes");
        fix.ExitCode.Should().Be(0, fix.ToString());
        lab.RoleBoundary(role).Should().Be(arn);
        var after = project.Tool("audit");
        after.ExitCode.Should().Be(0, after.ToString());
    }

    private static void AssertSame(Dictionary<string, byte[]> after, Dictionary<string, byte[]> before, string where)
    {
        after.Keys.Should().BeEquivalentTo(before.Keys, $"no file appeared in or vanished from {where}");
        var changed = before.Keys.Where(k => !after[k].AsSpan().SequenceEqual(before[k])).ToList();
        changed.Should().BeEmpty($"every file in {where} is back byte for byte");
    }
}
