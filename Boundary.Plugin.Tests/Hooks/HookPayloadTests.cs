using Boundary.Amplify;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class HookPayloadTests
{
    [Test]
    public void Reads_the_environment_as_the_local_env_info_object_the_host_really_sends()
    {
        var payload = HookPayload.Parse(HookTestSupport.Payload("/p/app", "prod"), out var problem);
        problem.Should().BeNull();
        payload.EnvName.Should().Be("prod");
        payload.ProjectPath.Should().Be("/p/app");
        payload.Command.Should().Be("push");
        payload.Argv.Should().Equal("/usr/bin/node", "/usr/bin/amplify", "push", "--yes");
        payload.Version.Should().Be("14.2.2");
        payload.Error.Should().BeNull();
        payload.CommandFailed.Should().BeFalse();
    }

    [Test]
    public void Reads_the_environment_as_the_string_the_host_declares()
    {
        var payload = HookPayload.Parse("""{ "data": { "amplify": { "environment": "dev", "command": "push", "subCommand": "function" } } }""", out _);
        payload.EnvName.Should().Be("dev");
        payload.ProjectPath.Should().BeNull();
        payload.SubCommand.Should().Be("function");
    }

    [Test]
    public void Missing_and_extra_fields_are_tolerated()
    {
        var payload = HookPayload.Parse("""{ "data": { "amplify": { "command": "push", "newField": [1, 2], "argv": [1, "x"] }, "other": {} }, "top": true }""", out var problem);
        problem.Should().BeNull();
        payload.EnvName.Should().BeNull();
        payload.Argv.Should().Equal("x");
        HookPayload.Parse("""{ "data": {} }""", out problem).Should().BeEquivalentTo(HookPayload.Empty);
        problem.Should().BeNull();
    }

    [TestCase("")]
    [TestCase("   \n")]
    [TestCase(null)]
    public void Empty_stdin_gives_the_empty_payload(string? text)
    {
        HookPayload.Parse(text, out var problem).Should().BeSameAs(HookPayload.Empty);
        problem.Should().BeNull();
    }

    [TestCase("not json")]
    [TestCase("[1, 2]")]
    [TestCase("{\"data\": ")]
    public void Text_that_is_not_a_json_object_gives_the_empty_payload_and_a_problem(string text)
    {
        HookPayload.Parse(text, out var problem).Should().BeSameAs(HookPayload.Empty);
        problem.Should().NotBeNull();
    }

    [Test]
    public void The_error_of_a_failed_command_is_read()
    {
        var payload = HookPayload.Parse(HookTestSupport.Payload("/p", error: "Stack failed"), out _);
        payload.CommandFailed.Should().BeTrue();
        payload.Error!.Message.Should().Be("Stack failed");
        payload.Error.Stack.Should().StartWith("Error: x");
    }

    [Test]
    public void An_unparsable_payload_falls_back_to_local_env_info_with_a_warning()
    {
        using var project = Support.TempProject.FromFixture("multi-env");
        var result = Support.CliRunner.Run(project.Root, "garbage", new Dictionary<string, string?>(), "hook", "pre-push");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdErr.Should().Contain("warning: the hook payload on stdin is not valid JSON");
        result.StdOut.Should().Contain($"env 'dev': {HookTestSupport.DevArn}");
    }
}
