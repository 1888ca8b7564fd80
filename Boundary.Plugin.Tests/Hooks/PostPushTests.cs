using Boundary.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PostPushTests
{
    [Test]
    public void Undoes_the_edits_in_the_copies_the_host_made_in_current_cloud_backend()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        Hook(project, "pre-push").ExitCode.Should().Be(0);
        HostCopiesToCurrentCloudBackend(project, FnA, FnB, Groups);
        project.Read(FnACopy).Should().Contain(DevArn);

        var post = Hook(project, "post-push");

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdOut.Should().Contain($"restored {FnACopy}");
        project.ShouldEqualSnapshot(before);
        project.ReadBytes(FnACopy).Should().Equal(project.ReadBytes(FnA));
        project.ReadBytes(FnBCopy).Should().Equal(project.ReadBytes(FnB));
    }

    [Test]
    public void A_template_the_host_reserialised_loses_only_our_property_in_both_places_which_end_identical()
    {
        using var project = TempProject.FromFixture("multi-env");
        Hook(project, "pre-push").ExitCode.Should().Be(0);

        // The host's first push of a custom stack: a Description stamped in, the whole file
        // re-serialised with 2-space indentation, our property kept; then the copy after the push.
        var template = JObject.Parse(project.Read(Custom));
        template.AddFirst(new JProperty("Description", "{\"createdOn\":\"Linux\",\"createdBy\":\"Amplify\",\"createdWith\":\"14.2.2\",\"stackType\":\"custom-customCloudformation\",\"metadata\":{}}"));
        project.Write(Custom, JsonConvert.SerializeObject(template, Formatting.Indented));
        HostCopiesToCurrentCloudBackend(project, Custom);
        var rewritten = project.Read(Custom);
        rewritten.Should().Contain(DevArn);

        var post = Hook(project, "post-push");

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdOut.Should().Contain($"removed the added boundaries from {Custom}");
        post.StdOut.Should().Contain($"removed the added boundaries from {CustomCopy}");
        project.ReadBytes(CustomCopy).Should().Equal(project.ReadBytes(Custom));
        var result = project.Read(Custom);
        result.Should().NotContain(DevArn);
        result.Should().Contain("\"Description\": \"{\\\"createdOn\\\"");
        result.Should().Contain("arn:aws:iam::123456789012:policy/Chosen", "a person's boundary is never touched");
        result.Should().Be(rewritten.Replace($"        \"PermissionsBoundary\": \"{DevArn}\",\n", ""), "only our property's line goes");
    }

    [Test]
    public void After_a_failed_push_the_backend_is_restored_and_the_last_deployed_copies_left_alone()
    {
        using var project = TempProject.FromFixture("multi-env");
        // A copy that holds the same value as ours, deployed earlier: not ours to remove after a failed push.
        var deployed = project.Read(FnACopy).Replace("\"RoleName\"", $"\"PermissionsBoundary\": \"{DevArn}\",\n        \"RoleName\"");
        project.Write(FnACopy, deployed);
        var before = project.Snapshot();
        Hook(project, "pre-push").ExitCode.Should().Be(0);

        var post = Hook(project, "post-push", Payload(project.Root, error: "Resource is not in the state stackUpdateComplete"));

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdOut.Should().Contain("6 files put back after the failed push.");
        project.ShouldEqualSnapshot(before);
        project.Read(FnACopy).Should().Be(deployed);
    }

    [Test]
    public void Without_a_journal_post_push_does_nothing()
    {
        using var project = TempProject.FromFixture("multi-env");
        var before = project.Snapshot();
        var post = Hook(project, "post-push");
        post.ExitCode.Should().Be(0, post.ToString());
        post.StdOut.Should().Contain("Nothing to restore");
        project.ShouldEqualSnapshot(before);
    }
}
