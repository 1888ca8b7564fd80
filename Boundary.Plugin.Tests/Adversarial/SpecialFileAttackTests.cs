using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Only regular files are opened: a FIFO named like a template, or a link to /dev/zero, is skipped with a
/// warning (never read to block or to fill memory); a FIFO where a settings or state file belongs is an
/// error (exit 3). Nothing blocks: every run ends well within its timeout.
/// </summary>
[Category("EndToEnd")]
public class SpecialFileAttackTests
{
    [Test]
    public void Fifo_named_like_a_template_is_skipped_with_a_warning()
    {
        using var site = AttackSite.FromFixture();
        AttackSite.MakeFifo(site.Project.PathOf("amplify/backend/function/fnA/fifo-cloudformation-template.json"));

        var pre = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        pre.ExitCode.Should().Be(0, pre.ToString());
        pre.StdErr.Should().Contain("fifo-cloudformation-template.json: skipped, not a regular file");
        site.Project.Read(FnA).Should().Contain(DevArn, "the other templates still get the boundary");
        site.RunWith(Payload(site.Project.Root), "hook", "post-push").ExitCode.Should().Be(0);
    }

    [Test]
    public void Link_to_dev_zero_named_like_a_template_is_skipped_with_a_warning()
    {
        using var site = AttackSite.FromFixture();
        File.CreateSymbolicLink(site.Project.PathOf("amplify/backend/function/fnA/zero-cloudformation-template.json"), "/dev/zero");

        var pre = site.RunWith(Payload(site.Project.Root), "hook", "pre-push");

        pre.ExitCode.Should().Be(0, pre.ToString());
        pre.StdErr.Should().Contain("zero-cloudformation-template.json: skipped, not a regular file");
        site.Project.Read(FnA).Should().Contain(DevArn);
        var verify = site.Run("verify");
        verify.ExitCode.Should().BeOneOf([0, 1, 3], verify.ToString());
    }

    [TestCase("amplify/team-provider-info.json", "get")]
    [TestCase("amplify/team-provider-info.json", "hook pre-push")]
    [TestCase("amplify/backend/amplify-meta.json", "list")]
    [TestCase("amplify/.config/local-env-info.json", "get")]
    [TestCase("amplify/boundary-owned.json", "hook pre-push --persist")]
    [TestCase("amplify/.boundary/push-journal.jsonl", "restore")]
    [TestCase("amplify/.boundary/push-journal.jsonl", "hook post-push")]
    [TestCase("amplify/.boundary/lock", "restore")]
    public void Fifo_where_a_settings_or_state_file_belongs_is_an_error(string relative, string command)
    {
        using var site = AttackSite.FromFixture();
        if (File.Exists(site.Project.PathOf(relative)))
            File.Delete(site.Project.PathOf(relative));
        AttackSite.MakeFifo(site.Project.PathOf(relative));
        var before = site.Snapshot();

        var result = site.RunWith("", command.Split(' '));

        result.ExitCode.Should().Be(3, result.ToString());
        result.StdErr.Should().Contain(Path.GetFileName(relative)).And.Contain("not a regular file");
        site.ShouldBeUnchanged(before);
    }
}
