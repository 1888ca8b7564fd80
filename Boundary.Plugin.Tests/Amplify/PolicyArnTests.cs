using Boundary.Amplify;
using Boundary.Core;

namespace Boundary.Tests.Amplify;

[Category("Unit")]
public class PolicyArnTests
{
    [TestCase("arn:aws:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws:iam::aws:policy/PowerUserAccess")]
    [TestCase("arn:aws-cn:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-us-gov:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-iso:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-iso-b:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-iso-e:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-iso-f:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws-eusc:iam::123456789012:policy/Boundary")]
    [TestCase("arn:aws:iam::123456789012:policy/teams/platform/Boundary+=,.@_-1")]
    [TestCase("arn:aws:iam::123456789012:policy/we\"ird\\path/x")]
    [TestCase("arn:aws:iam::123456789012:policy///B")]
    public void Accepts_every_partition_and_IAM_names(string text)
    {
        PolicyArn.TryParse(text, out var arn, out var problem).Should().BeTrue(problem);
        arn!.ToString().Should().Be(text);
    }

    [TestCase("", "empty")]
    [TestCase("arn:aws:iam::123456789012:role/Boundary", "shape")]
    [TestCase("arn:aws-mars:iam::123456789012:policy/B", "partition")]
    [TestCase("arn:aws:iam::12345:policy/B", "account")]
    [TestCase("arn:aws:iam::123456789012:policy/", "name is missing")]
    [TestCase("arn:aws:iam::123456789012:policy/has space", "policy name")]
    [TestCase("arn:aws:iam::123456789012:policy/qu'ote", "policy name")]
    [TestCase("arn:aws:iam::123456789012:policy/caf\u00e9/B", "policy path")]
    [TestCase("arn:aws:iam::123456789012:policy/sp ace/B", "policy path")]
    [TestCase("arn:aws:iam::123456789012:policy//B", "policy path")]
    public void Rejects_what_IAM_rejects_and_says_why(string text, string reason)
    {
        PolicyArn.TryParse(text, out _, out var problem).Should().BeFalse();
        problem.Should().Contain(reason);
    }

    [Test]
    public void Rejects_names_over_128_characters()
    {
        PolicyArn.TryParse("arn:aws:iam::123456789012:policy/" + new string('a', 129), out _, out _).Should().BeFalse();
        PolicyArn.TryParse("arn:aws:iam::123456789012:policy/" + new string('a', 128), out _, out _).Should().BeTrue();
    }

    [Test]
    public void Parse_error_states_the_rule_and_an_example()
    {
        var act = () => PolicyArn.Parse("nope");
        act.Should().Throw<BoundaryException>()
            .Where(e => e.ExitCode == 2 && e.Message.Contains("Rule:") && e.Message.Contains(PolicyArn.Example));
    }

    [Test]
    public void Aws_managed_policies_are_recognised()
    {
        PolicyArn.Parse("arn:aws-cn:iam::aws:policy/ReadOnlyAccess").IsAwsManaged.Should().BeTrue();
        PolicyArn.Parse("arn:aws:iam::123456789012:policy/B").IsAwsManaged.Should().BeFalse();
    }
}
