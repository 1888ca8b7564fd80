using Boundary.Tests.Support;
using Boundary.Tests.Templates;

namespace Boundary.Tests.Hooks;

/// <summary>
/// The hook's whole promise on random templates: a project holding generated templates (both formats,
/// every quirk <see cref="TemplateGenerator"/> makes) goes through 'hook pre-push' and 'hook post-push'
/// through the real entry point and ends byte for byte as it began, with every role bounded in between.
/// A failure prints its seed.
/// </summary>
[Category("Unit")]
public class PushRoundTripPropertyTests
{
    private const int Projects = 20;
    private const int TemplatesPerProject = 10;

    [Test]
    public void Pre_push_then_post_push_gives_back_every_original_byte()
    {
        var changedFiles = 0;
        for (var seed = 9_000; seed < 9_000 + Projects; seed++)
        {
            using var project = TempProject.Minimal();
            string? arn = null;
            for (var i = 0; i < TemplatesPerProject; i++)
            {
                var generator = new TemplateGenerator(seed * 100 + i);
                var yaml = i % 2 == 1;
                var bytes = yaml ? generator.Yaml() : generator.Json();
                if (arn is null && Boundary.Amplify.PolicyArn.TryParse(generator.Arn, out _, out _))
                    arn = generator.Arn; // the generator also makes ARNs IAM refuses (paths with spaces), for the editors' escaping

                project.WriteBytes($"amplify/backend/custom/r{i}/r{i}-cloudformation-template.{(yaml ? "yaml" : "json")}", bytes);
            }
            CliRunner.Run(project.Root, "set", arn ?? "arn:aws:iam::123456789012:policy/it's/#1:{x}[y]\\z/B").ExitCode.Should().Be(0, $"seed {seed}");
            var before = project.Snapshot();

            var pre = HookTestSupport.Hook(project, "pre-push");
            pre.ExitCode.Should().Be(0, $"seed {seed}: {pre}");
            changedFiles += pre.StdOut.Split('\n').Count(line => line.StartsWith("changed ", StringComparison.Ordinal));
            var verify = CliRunner.Run(project.Root, "verify");
            verify.StdOut.Should().Contain(" 0 missing", $"seed {seed}: every role is bounded after pre-push: {verify}");
            var post = HookTestSupport.Hook(project, "post-push");
            post.ExitCode.Should().Be(0, $"seed {seed}: {post}");

            project.ShouldEqualSnapshot(before);
        }
        changedFiles.Should().BeGreaterThan(Projects * TemplatesPerProject / 2, "most generated templates hold a role without a boundary");
    }
}
