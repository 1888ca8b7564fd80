using Boundary.Tests.Support;

namespace Boundary.Tests;

/// <summary>Stops the shared emulator once every test of the assembly has run (a SetUpFixture at the root namespace).</summary>
[SetUpFixture]
public sealed class MotoRun
{
    [OneTimeTearDown]
    public void StopSharedEmulator() => MotoServer.StopShared();
}
