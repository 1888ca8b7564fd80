using Boundary.Amplify;
using Boundary.Cli;
using Boundary.Core;
using Boundary.Tests.Support;
using static Boundary.Tests.Adversarial.AttackProject;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// ARNs that a Unicode-aware or line-anchored check would accept: one check, ASCII only, anchored at
/// both ends, for every source (flags, team-provider-info).
/// </summary>
[Category("Unit")]
public class ArnAttackTests
{
    public const string Good = "arn:aws:iam::123456789012:policy/Boundary";

    public static IEnumerable<TestCaseData> Lookalikes()
    {
        yield return new TestCaseData("arn:aws:iam::\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:policy/x").SetName("Arabic-Indic digits");
        yield return new TestCaseData("arn:aws:iam::\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9\u06F0\u06F1\u06F2:policy/x").SetName("Extended Arabic-Indic digits");
        yield return new TestCaseData("arn:aws:iam::\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19\uFF10\uFF11\uFF12:policy/x").SetName("Fullwidth digits");
        yield return new TestCaseData("arn:aws:iam::\u0967\u0968\u0969\u096A\u096B\u096C\u096D\u096E\u096F\u0966\u0967\u0968:policy/x").SetName("Devanagari digits");
        yield return new TestCaseData(Good + "\n").SetName("Trailing LF");
        yield return new TestCaseData(Good + "\r\n").SetName("Trailing CRLF");
        yield return new TestCaseData(Good + "\r").SetName("Trailing CR");
        yield return new TestCaseData(Good + "\0").SetName("Trailing NUL");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/Bou\0ndary").SetName("Inner NUL");
        yield return new TestCaseData(" " + Good).SetName("Leading space");
        yield return new TestCaseData(Good + " ").SetName("Trailing space");
        yield return new TestCaseData(Good + "\u00A0").SetName("Trailing no-break space");
        yield return new TestCaseData(Good + "\u2028").SetName("Trailing line separator");
        yield return new TestCaseData("\n" + Good).SetName("Leading LF");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/Boundary\nx").SetName("Second line");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/\u212Aelvin").SetName("Kelvin sign in the name");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/\u0131").SetName("Dotless i in the name");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/p\u00E4th/x").SetName("Non-ASCII path");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/pa\tth/x").SetName("Tab in the path");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy/pa\nth/x").SetName("LF in the path");
        yield return new TestCaseData("arn:AWS:iam::123456789012:policy/x").SetName("Partition in capitals");
        yield return new TestCaseData("ARN:aws:iam::123456789012:policy/x").SetName("Prefix in capitals");
        yield return new TestCaseData("arn:aws:iam::12345678901:policy/x").SetName("11 digits");
        yield return new TestCaseData("arn:aws:iam::1234567890123:policy/x").SetName("13 digits");
        yield return new TestCaseData("arn:aws:iam::123456789012:policy").SetName("No resource");
        yield return new TestCaseData("arn:aws:iam:us-east-1:123456789012:policy/x").SetName("A region");
    }

    [TestCaseSource(nameof(Lookalikes))]
    public void Lookalike_is_not_an_arn(string text)
    {
        PolicyArn.TryParse(text, out var arn, out var problem).Should().BeFalse($"'{text}' parsed as {arn}");
        problem.Should().NotBeNullOrEmpty();
    }

    [TestCaseSource(nameof(Lookalikes))]
    public void Set_refuses_a_lookalike_and_writes_nothing(string text)
    {
        using var project = Create("json", JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();
        var set = CliRunner.Run(project.Root, "set", text, "--env", "dev");
        set.ExitCode.Should().Be(ExitCodes.Usage, set.ToString());
        set.StdErr.Should().Contain("is not a valid").And.NotContain("   at ");
        set.StdErr.Split('\n')[0].Should().Contain("is not a valid", "control characters in the value are shown escaped, so the message's first line names the problem");
        project.ShouldEqual(before);
    }

    [TestCase("verify", "--arn")]
    [TestCase("inject", "amplify/backend", "--arn")]
    public void Flags_refuse_a_lookalike_before_reading_a_file(params string[] args)
    {
        using var project = Create("json", JsonRole("\"AWS::IAM::Role\""));
        var before = project.Snapshot();
        foreach (var lookalike in new[] { Good + "\n", "arn:aws:iam::\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:policy/x" })
        {
            var result = CliRunner.Run(project.Root, [.. args, lookalike]);
            result.ExitCode.Should().Be(ExitCodes.Usage, result.ToString());
            project.ShouldEqual(before);
        }
    }

    [TestCase(Good + "\\n")]
    [TestCase(Good + "\\r")]
    [TestCase(Good + "\\u0000")]
    [TestCase("arn:aws:iam::\\u0661\\u0662\\u0663\\u0664\\u0665\\u0666\\u0667\\u0668\\u0669\\u0660\\u0661\\u0662:policy/x")]
    [TestCase("arn:aws:iam::\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:policy/x")]
    public void A_stored_lookalike_stops_pre_push_and_verify_with_nothing_written(string stored)
    {
        var teamProviderInfo = TeamProviderInfo.Replace(DevArn, stored);
        using var project = Create("yaml", YamlRole("AWS::IAM::Role"), teamProviderInfo);
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.ProjectOrFile, pre.ToString());
        pre.StdErr.Should().Contain("team-provider-info.json").And.Contain("is not a valid permissions boundary ARN").And.NotContain("   at ");
        project.ShouldEqual(before);
        var verify = project.Verify();
        verify.ExitCode.Should().Be(ExitCodes.ProjectOrFile, verify.ToString());
        project.ShouldEqual(before);
    }

    [Test]
    public void Another_envs_lookalike_boundary_is_not_taken_as_stale()
    {
        // prod's value is no ARN at all: a template holding it is an invalid literal, not a stale one to replace.
        var teamProviderInfo = TeamProviderInfo.Replace(ProdArn, ProdArn + "\\n");
        var template = YamlRole("AWS::IAM::Role", "PermissionsBoundary: \"" + ProdArn + "\\n\"");
        using var project = Create("yaml", template, teamProviderInfo);
        var before = project.Snapshot();
        var pre = project.PrePush();
        pre.ExitCode.Should().Be(ExitCodes.Success, pre.ToString());
        pre.StdOut.Should().Contain("0 injected, 1 kept, 0 updated");
        project.ShouldEqual(before);
        project.Verify().StdOut.Should().Contain("BOUNDARY004");
    }
}
