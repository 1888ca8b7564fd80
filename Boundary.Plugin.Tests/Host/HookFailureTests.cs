namespace Boundary.Tests.Host;

/// <summary>
/// Flow e: our pre-push hook stops the host's push when a template cannot be parsed, and works when the
/// host runs with a bare environment.
/// </summary>
[Category("Host")]
[TestFixture]
public class HookFailureTests
{
    private HostLab lab = null!;
    private HostProject project = null!;
    private string arn = null!;

    [OneTimeSetUp]
    public void InitWithOurHooks()
    {
        lab = HostLab.Start();
        arn = lab.CreatePolicy("boundary-failure");
        project = lab.NewProject();
        var init = project.Init(extra: ["--permissions-boundary", arn]);
        init.ExitCode.Should().Be(0, init.ToString());
        project.InstallHooks(Path.Combine(lab.Root, "pre-push-seen"));
    }

    [OneTimeTearDown]
    public void StopLab() => lab?.Dispose();

    [Test]
    public void A_template_our_hook_cannot_parse_stops_the_hosts_push_with_exit_76_and_our_message()
    {
        var name = HostProject.NewResourceName();
        var relative = $"amplify/backend/custom/{name}/{name}-cloudformation-template.json";
        // Line 5 is where the parser finds the missing comma after line 4.
        File.Exists(project.PathOf(relative)).Should().BeFalse();
        Directory.CreateDirectory(Path.GetDirectoryName(project.PathOf(relative))!);
        File.WriteAllText(project.PathOf(relative), """
            {
              "Resources": {
                "CustomRole": {
                  "Type": "AWS::IAM::Role"
                  "Properties": { "RoleName": "broken" }
                }
              }
            }
            """);
        try
        {
            var before = project.Snapshot("amplify/backend");

            var push = project.Push();

            push.ExitCode.Should().Be(76, push.ToString());
            push.StdOut.Should().MatchRegex($@"{name}-cloudformation-template\.json:[45]:\d+", "our message names file:line:column and the host prints it");
            push.StdOut.Should().Contain("pre-push hook script exited with exit code");
            push.StdOut.Should().NotContain("post-push execution start");
            project.Snapshot("amplify/backend").Should().BeEquivalentTo(before, "a failing pre-push writes nothing");
        }
        finally
        {
            project.RemoveCustom(name);
        }
    }

    [Test]
    public void The_hook_works_when_the_host_runs_with_a_bare_environment()
    {
        var resource = HostProject.NewResourceName();
        project.AddCustom(resource);

        var push = lab.AmplifyBare(project.Root, ["push", "--yes"]);

        push.ExitCode.Should().Be(0, push.ToString());
        push.StdOut.Should().Contain($"env 'dev': {arn}: ").And.Contain("files scanned").And.Contain("put back");
        var seen = Path.Combine(lab.Root, "pre-push-seen", "backend", "custom", resource, $"{resource}-cloudformation-template.json");
        HostProject.TemplateBoundary(seen).Should().Be(arn, "our hook injected the boundary before the host read the template");
        HostProject.TemplateBoundary(project.CustomTemplatePath(resource)).Should().BeNull("post-push took it out again");
        lab.RoleBoundary(HostProject.CustomRoleName(resource)).Should().Be(arn);

        var status = project.Status();
        status.ExitCode.Should().Be(0, status.ToString());
        HostProject.ChangedResources(status.StdOut).Should().BeEmpty(status.StdOut);
    }
}
