using System.Text;
using Boundary.Core;
using Boundary.Push;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Templates;

/// <summary>
/// Another env's boundary that pre-push cannot replace in place (behind an intrinsic function that always
/// gives it, or a string in one of several differing Fn::If branches) stops the push, in both planners;
/// one it can replace, or this env's, does not.
/// </summary>
[Category("Unit")]
public class StaleBoundaryPlanTests
{
    private const string Prod = "arn:aws:iam::123456789012:policy/Prod";

    private const string Dev = "arn:aws:iam::123456789012:policy/Dev";

    private static readonly InjectionOptions OtherEnvs = new(StaleBoundaries: new Dictionary<string, string> { [Prod] = "prod", [Dev] = "dev" });

    private static CloudFormationTemplate Load(string template, string name) => CloudFormationTemplate.Load(new SourceText(name, Encoding.UTF8.GetBytes(template)))!;

    public static IEnumerable<TestCaseData> OtherEnvsBoundary()
    {
        yield return new TestCaseData($"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"PermissionsBoundary\": {{\"Fn::Sub\": \"{Prod}\"}}}}}}}}}}", "t.json").SetName("In_the_role");
        yield return new TestCaseData($"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"Fn::If\": [\"C\", {{\"PermissionsBoundary\": \"{Dev}\"}}, {{\"PermissionsBoundary\": {{\"Fn::Join\": [\"\", [\"{Prod}\"]]}}}}]}}}}}}}}", "t.json").SetName("In_an_fn_if_branch_of_its_properties");
        yield return new TestCaseData($"Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    PermissionsBoundary: !Sub {Prod}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n", "t.yaml").SetName("Through_globals");
    }

    [Test]
    public void Pre_push_refuses_an_intrinsic_that_gives_another_envs_boundary_in_one_of_its_branches()
    {
        foreach (var (template, name) in new[]
        {
            ($"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"PermissionsBoundary\": {{\"Fn::If\": [\"C\", \"{Prod}\", \"{Dev}\"]}}}}}}}}}}", "t.json"),
            ($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: !If [C, !If [D, !Ref B, !Sub '{Prod}'], {Dev}]\n", "t.yaml"),
            ("Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: !Join ['', ['arn:aws:iam::123456789012:policy/', !If [C, Prod, Dev]]]\n", "t.yaml"),
        })
        {
            FluentActions.Invoking(() => BoundaryInjector.Plan(Load(template, name), Dev, OtherEnvs)).Should().Throw<BoundaryException>()
                .Which.Message.Should().Contain($"gives {Prod} under some conditions").And.Contain("env 'prod'");
        }
    }

    [TestCaseSource(nameof(OtherEnvsBoundary))]
    public void Pre_push_refuses_an_intrinsic_that_always_gives_another_envs_boundary(string template, string name)
    {
        foreach (var plan in new Action<CloudFormationTemplate>[]
        {
            t => BoundaryInjector.Plan(t, Dev, OtherEnvs),
            t => OwnedBoundaryPlanner.Plan(t, Dev, OtherEnvs, _ => false),
        })
        {
            var refusal = FluentActions.Invoking(() => plan(Load(template, name))).Should().Throw<BoundaryException>().Which;
            refusal.Message.Should().Contain("always gives " + Prod).And.Contain("env 'prod'").And.Contain("Write " + Dev);
        }
    }

    [TestCase("{\"PermissionsBoundary\": \"" + Dev + "\"}")]
    [TestCase("{\"RoleName\": \"r\"}")]
    public void Pre_push_refuses_another_envs_string_in_an_fn_if_branch_when_the_branches_differ(string otherBranch)
    {
        var template = $"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"Fn::If\": [\"C\", {{\"PermissionsBoundary\": \"{Prod}\"}}, {otherBranch}]}}}}}}}}";
        FluentActions.Invoking(() => BoundaryInjector.Plan(Load(template, "t.json"), Dev, OtherEnvs)).Should().Throw<BoundaryException>()
            .Which.Message.Should().Contain($"is {Prod} while its other branches differ").And.Contain("env 'prod'");
    }

    [Test]
    public void Pre_push_replaces_another_envs_string_that_every_fn_if_branch_holds()
    {
        var template = $"{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"Fn::If\": [\"C\", {{\"PermissionsBoundary\": \"{Prod}\"}}, {{\"PermissionsBoundary\": \"{Prod}\"}}]}}}}}}}}";
        var plan = BoundaryInjector.Plan(Load(template, "t.json"), Dev, OtherEnvs);
        plan.Outcomes.Should().ContainSingle().Which.Action.Should().Be(PrincipalAction.Updated);
    }

    private static string ScheduledFunction(string eventBoundary) =>
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      PermissionsBoundary: " + Dev
        + "\n      Events:\n        S:\n          Type: ScheduleV2\n          Properties:\n            ScheduleExpression: rate(1 minute)\n            PermissionsBoundary: " + eventBoundary + "\n";

    [TestCase(Prod)]
    [TestCase("!Sub 'arn:aws:iam::${AWS::AccountId}:policy/Prod'")]
    [TestCase("!If [C, " + Dev + ", " + Prod + "]")]
    public void Pre_push_refuses_another_envs_boundary_on_a_schedule_event_whose_role_sam_makes(string eventBoundary)
    {
        var template = CloudFormationTemplate.Load(new SourceText("t.yaml", Encoding.UTF8.GetBytes(ScheduledFunction(eventBoundary))), PseudoParameters.Of("aws", "123456789012"))!;
        foreach (var plan in new Action<CloudFormationTemplate>[]
        {
            t => BoundaryInjector.Plan(t, Dev, OtherEnvs),
            t => OwnedBoundaryPlanner.Plan(t, Dev, OtherEnvs, _ => false),
        })
        {
            FluentActions.Invoking(() => plan(template)).Should().Throw<BoundaryException>()
                .Which.Message.Should().Contain("ScheduleV2 event S of F").And.Contain("env 'prod'").And.Contain("Write " + Dev);
        }
    }

    [TestCase(Dev)]
    [TestCase("arn:aws:iam::123456789012:policy/Persons")]
    public void Pre_push_keeps_this_envs_or_a_persons_boundary_on_a_schedule_event(string eventBoundary)
    {
        var plan = BoundaryInjector.Plan(Load(ScheduledFunction(eventBoundary), "t.yaml"), Dev, OtherEnvs);
        plan.Edits.Should().BeEmpty();
        plan.Outcomes.Should().ContainSingle().Which.Action.Should().Be(PrincipalAction.Kept);
    }

    [Test]
    public void Pre_push_keeps_an_intrinsic_that_always_gives_this_envs_boundary_or_a_persons()
    {
        foreach (var value in new[] { Dev, "arn:aws:iam::123456789012:policy/Persons" })
        {
            var template = Load($"Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      PermissionsBoundary: !Sub {value}\n", "t.yaml");
            var plan = BoundaryInjector.Plan(template, Dev, OtherEnvs);
            plan.Edits.Should().BeEmpty();
            plan.Outcomes.Should().ContainSingle().Which.Action.Should().Be(PrincipalAction.Kept);
        }
    }
}
