using Boundary.Core;
using Boundary.Environments;
using Boundary.Files;
using Boundary.Text;
using Boundary.Yaml;

namespace Boundary.Tests.Text;

/// <summary>
/// A .NET regex's <c>$</c> also matches before a final newline: each check of a whole name or value
/// must refuse one that ends with a newline (found by an adversarial pass: the sweep deleted a file
/// named like a temp file of ours plus a newline).
/// </summary>
[Category("Unit")]
public class TrailingNewlineTests
{
    private const string Guid32 = "0123456789abcdef0123456789abcdef";

    [Test]
    public void A_name_like_a_temp_file_of_ours_but_for_a_final_newline_is_not_ours()
    {
        TempFiles.IsOurs($".x.json.4.{Guid32}.tmp", out _).Should().BeTrue();
        TempFiles.IsOurs($".x.json.4.{Guid32}.tmp\n", out _).Should().BeFalse();
    }

    [Test]
    public void A_value_with_a_final_newline_is_quoted_for_the_shell() =>
        ShellQuoting.Quote("dev\n").Should().Be("'dev\n'");

    [Test]
    public void An_env_name_with_a_final_newline_is_refused()
    {
        var act = () => EnvLifecycle.ValidateEnvName("dev\n");
        act.Should().Throw<BoundaryException>();
    }

    [Test]
    public void An_arn_with_a_final_newline_is_never_a_plain_yaml_scalar() =>
        YamlScalars.Quote("arn:aws:iam::123456789012:policy/B\n", inFlow: false).Should().StartWith("\"");
}
