using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>A template renamed between pre-push and post-push: the warning says where the boundary was left and how to remove it.</summary>
[Category("EndToEnd")]
public class RenameAttackTests
{
    [Test]
    public void Renamed_template_is_named_with_the_boundaries_left_in_it()
    {
        using var site = AttackSite.FromFixture();
        site.RunWith(Payload(site.Project.Root), "hook", "pre-push").ExitCode.Should().Be(0);
        var renamed = FnA.Replace("fnA-cloudformation-template.json", "renamed-template.json");
        File.Move(site.Project.PathOf(FnA), site.Project.PathOf(renamed));

        var post = site.RunWith(Payload(site.Project.Root), "hook", "post-push");

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdErr.Should().Contain($"{FnA}: gone since pre-push, renamed to {renamed}, which still holds the boundaries pre-push added")
            .And.Contain(DevArn).And.Contain("Remove them from").And.NotContain("deleted since");
        site.Project.Read(renamed).Should().Contain(DevArn, "the tool says so rather than guess");
    }

    [Test]
    public void Template_gone_without_a_trace_says_how_to_look_for_it()
    {
        using var site = AttackSite.FromFixture();
        site.RunWith(Payload(site.Project.Root), "hook", "pre-push").ExitCode.Should().Be(0);
        site.Project.Write("amplify/backend/function/moved.json", site.Project.Read(FnA) + " ");
        File.Delete(site.Project.PathOf(FnA));

        var post = site.RunWith(Payload(site.Project.Root), "hook", "post-push");

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdErr.Should().Contain($"{FnA}: gone since pre-push (deleted, or renamed or moved elsewhere)").And.Contain($"grep -rn '{DevArn}' amplify/backend");
    }
}
