using Boundary.Core;
using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Templates are read into buffers reused from one file to the next, largest file first, so a small
/// file lands in a buffer still holding a larger one's bytes past its end. A small template that is a
/// prefix of a larger bounded one must be judged on its own bytes only: were the stale tail read, its
/// role would look bounded (or its cut-off character whole) and slip past.
/// </summary>
[Category("Unit")]
public class ReusedReadBufferAttackTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/DevBoundary";

    private const string Bounded = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: " + Arn + "\n";

    [Test]
    public void Role_in_a_small_template_read_after_a_larger_bounded_one_is_reported_missing()
    {
        using var project = new TempProject();
        // Several rounds, so that the small files meet buffers the large ones gave back whatever the thread timing.
        for (var i = 0; i < 6; i++)
        {
            project.Write($"big{i}/template.yaml", Bounded + "#" + new string('x', 300_000 - i * 1000) + "\n");
            project.Write($"small{i}/template.yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n");
            project.Write($"json{i}/template.json", "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}}}");
        }

        var verify = CliRunner.Run(project.Root, "verify", "--arn", Arn, ".");

        verify.ExitCode.Should().Be(ExitCodes.Findings, verify.ToString());
        for (var i = 0; i < 6; i++)
        {
            verify.StdOut.Should().Contain($"small{i}/template.yaml:2:3: error BOUNDARY001");
            verify.StdOut.Should().Contain($"json{i}/template.json:1:16: error BOUNDARY001");
        }
        verify.StdOut.Should().Contain("18 roles");
    }

    [Test]
    public void Template_cut_inside_a_character_after_a_larger_one_with_that_character_whole_is_refused_as_not_utf8()
    {
        using var project = new TempProject();
        var euro = "\u20ac"u8.ToArray();
        var head = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: \""u8.ToArray();
        project.WriteBytes("big/template.yaml", [.. head, .. euro, .. "\"\n#"u8, .. new byte[200_000].Select(_ => (byte)'x'), (byte)'\n']);
        project.WriteBytes("small/template.yaml", [.. head, .. euro[..2]]);

        var verify = CliRunner.Run(project.Root, "verify", "--arn", Arn, ".");

        verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
        (verify.StdOut + verify.StdErr).Should().Contain("small/template.yaml").And.Contain("not valid UTF-8").And.NotContain("   at ");
    }
}
