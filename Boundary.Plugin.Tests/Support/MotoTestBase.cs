namespace Boundary.Tests.Support;

/// <summary>
/// A test class against the shared moto: each test gets a fresh AWS profile "main" (moto's default
/// account, us-east-1) in temp config files, deleted afterwards. Tests share moto's state: name things
/// with <see cref="MotoServer.UniqueName"/>.
/// </summary>
[NonParallelizable]
public abstract class MotoTestBase
{
    /// <summary>An account other than moto's default one, reached through sts:AssumeRole.</summary>
    protected const string OtherAccount = "111111111111";

    protected AwsTestProfiles Profiles { get; private set; } = null!;

    protected MotoServer Moto { get; private set; } = null!;

    [SetUp]
    public void StartMotoAndProfiles()
    {
        Profiles = new AwsTestProfiles().Add("main", MotoServer.AccessKey, MotoServer.SecretKey, region: "us-east-1");
        Moto = MotoServer.Shared;
    }

    [TearDown]
    public void DeleteProfiles() => Profiles.Dispose();
}
