using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// team-provider-info of the wrong shape is an error (exit 3) for every command that reads it, never
/// "no boundary, nothing to do": pre-push fails closed. An empty --env is a usage error (exit 2).
/// </summary>
[Category("EndToEnd")]
public class SettingsShapeAttackTests
{
    private static readonly string[][] Commands =
    [
        ["get"],
        ["set", "arn:aws:iam::123456789012:policy/Other"],
        ["remove"],
        ["list"],
        ["hook", "pre-push"],
        ["verify"],
        ["init", "--permissions-boundary", ""],
    ];

    [TestCase("{\"dev\": \"hello\"}")]
    [TestCase("{\"dev\": {\"awscloudformation\": null}}")]
    [TestCase("{\"dev\": {\"awscloudformation\": {\"PermissionsBoundaryPolicyArn\": 42}}}")]
    [TestCase("{\"dev\": {\"awscloudformation\": [\"x\"]}}")]
    [TestCase("[\"dev\"]")]
    [TestCase("\"dev\"")]
    public void Team_provider_info_of_the_wrong_shape_is_an_error_for_every_command(string text)
    {
        using var site = AttackSite.FromFixture();
        site.Project.Write("amplify/team-provider-info.json", text);
        var before = site.Snapshot();

        foreach (var args in Commands)
        {
            var result = site.RunWith(Payload(site.Project.Root), args);
            result.ExitCode.Should().Be(3, $"{string.Join(' ', args)}: {result}");
            result.StdErr.Should().Contain("team-provider-info.json:1:");
        }
        site.ShouldBeUnchanged(before);
    }

    [TestCase("{\"dev\": {\"awscloudformation\": {\"PermissionsBoundaryPolicyArn\": \"arn:aws:iam::123456789012:policy/A\", \"PermissionsBoundaryPolicyArn\": \"arn:aws:iam::123456789012:policy/B\"}}}",
        "\"PermissionsBoundaryPolicyArn\" is written twice in dev.awscloudformation")]
    [TestCase("{\"dev\": {\"awscloudformation\": {}}, \"dev\": {\"awscloudformation\": {\"PermissionsBoundaryPolicyArn\": \"arn:aws:iam::123456789012:policy/B\"}}}",
        "\"dev\" is written twice in the top-level object")]
    public void A_setting_written_twice_is_neither_set_nor_removed(string text, string why)
    {
        // JSON.parse takes the last of two; removing it would bring the first one back.
        using var site = AttackSite.FromFixture();
        site.Project.Write("amplify/team-provider-info.json", text);
        var before = site.Snapshot();

        foreach (var args in new[] { new[] { "remove", "--env", "dev" }, ["set", "arn:aws:iam::123456789012:policy/Other", "--env", "dev"] })
        {
            var result = site.RunWith(Payload(site.Project.Root), args);
            result.ExitCode.Should().Be(3, $"{string.Join(' ', args)}: {result}");
            result.StdErr.Should().Contain("team-provider-info.json:1:").And.Contain(why).And.Contain("Keep one and run again.");
        }
        site.ShouldBeUnchanged(before);
    }

    [Test]
    public void Empty_env_is_a_usage_error_everywhere()
    {
        using var site = AttackSite.FromFixture();
        var before = site.Snapshot();

        foreach (var args in new[] { new[] { "get" }, ["set", "arn:aws:iam::123456789012:policy/Other"], ["remove"], ["hook", "pre-push"], ["verify"], ["init", "--permissions-boundary", ""], ["audit"], ["env", "update"] })
        {
            var result = site.RunWith(Payload(site.Project.Root), [.. args, "--env", ""]);
            result.ExitCode.Should().Be(2, $"{string.Join(' ', args)}: {result}");
            result.StdErr.Should().Contain("--env needs a value");
        }
        site.ShouldBeUnchanged(before);
    }
}
