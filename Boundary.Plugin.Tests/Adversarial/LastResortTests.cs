using Boundary.Cli;
using Boundary.Core;

namespace Boundary.Tests.Adversarial;

/// <summary>The last-resort handler: anything unforeseen is one line with "please report this" and exit 70; our own errors keep their code even when wrapped.</summary>
[Category("Unit")]
public class LastResortTests
{
    [Test]
    public void Unforeseen_exception_is_one_line_asking_for_a_report_and_exit_70()
    {
        var error = new StringWriter();

        var code = LastResort.Handle(error, new InvalidOperationException("boom\nsecond line"));

        code.Should().Be(70);
        error.ToString().Should().StartWith("error: internal error (InvalidOperationException: boom second line)").And.Contain("please report this");
        error.ToString().TrimEnd('\n').Should().NotContain("\n");
    }

    [Test]
    public void Exception_inside_a_parallel_loop_is_unwrapped_and_reported_once()
    {
        var error = new StringWriter();
        Exception caught = null!;
        try
        {
            Parallel.For(0, 4, i => throw new NullReferenceException("in loop " + i));
        }
        catch (AggregateException e)
        {
            caught = e;
        }

        var code = LastResort.Handle(error, caught);

        code.Should().Be(70);
        error.ToString().Should().Contain("NullReferenceException").And.NotContain("   at ");
    }

    [Test]
    public void Our_own_error_wrapped_by_a_parallel_loop_keeps_its_exit_code()
    {
        var error = new StringWriter();

        var code = LastResort.Handle(error, new AggregateException(BoundaryException.File("x.json: bad"), BoundaryException.File("y.json: bad")));

        code.Should().Be(3);
        error.ToString().Should().Be("error: x.json: bad\n");
    }

    [Test]
    public void Aws_sdk_failure_is_an_aws_error()
    {
        var error = new StringWriter();

        var code = LastResort.Handle(error, new System.Reflection.TargetInvocationException(new Amazon.Runtime.AmazonClientException("SSO token expired")));

        code.Should().Be(4);
        error.ToString().Should().Contain("SSO token expired");
    }
}
