using Boundary.Amplify;
using Boundary.Json;
using Boundary.Tests.Support;

namespace Boundary.Tests.Amplify;

[Category("Unit")]
public class OtherEnvBoundariesTests
{
    private static IReadOnlyDictionary<string, string> Read(string teamProviderInfo, string env, string? current)
    {
        using var project = TempProject.Minimal(teamProviderInfo);
        return OtherEnvBoundaries.Read(JsonFile.Load(Path.Combine(project.Root, "amplify", "team-provider-info.json")), env, current);
    }

    private static string Env(string name, string arn) => $"\"{name}\": {{\"awscloudformation\": {{\"PermissionsBoundaryPolicyArn\": \"{arn}\"}}}}";

    [Test]
    public void Another_envs_boundary_is_found_whatever_its_case_and_the_blanks_around_it()
    {
        var others = Read("{" + Env("dev", "arn:aws:iam::123456789012:policy/Dev") + ", " + Env("prod", " arn:aws:iam::123456789012:policy/Prod\\t") + "}", "dev", "arn:aws:iam::123456789012:policy/Dev");
        others.Should().ContainKey("arn:aws:iam::123456789012:policy/Prod");
        others["arn:aws:iam::123456789012:policy/prod"].Should().Be("prod", "an account cannot hold two policies whose names differ only in case");
    }

    [Test]
    public void An_env_whose_boundary_is_this_envs_in_another_case_is_not_another_boundary()
    {
        Read("{" + Env("dev", "arn:aws:iam::123456789012:policy/Dev") + ", " + Env("test", "arn:aws:iam::123456789012:policy/DEV") + "}", "dev", "arn:aws:iam::123456789012:policy/Dev")
            .Should().BeEmpty();
    }

    [Test]
    public void The_accounts_of_other_envs_boundaries_are_their_customer_accounts_once_each() =>
        OtherEnvBoundaries.AccountsOf(["arn:aws:iam::210987654321:policy/Qa", " arn:aws:iam::123456789012:policy/Prod ", "arn:aws:iam::123456789012:policy/Stage", "arn:aws:iam::aws:policy/PowerUserAccess", "not an arn"])
            .Should().Equal("123456789012", "210987654321");
}
