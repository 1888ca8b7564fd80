using Boundary.Tests.Support;

namespace Boundary.Tests;

/// <summary>
/// What the whole run shares, stopped or deleted once every test of the assembly has run (a SetUpFixture
/// at the root namespace): the shared emulator, and the tool packed or installed into a temp folder.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void StopSharedEmulatorAndDeleteTemporaryFiles()
    {
        MotoServer.StopShared();
        PackedTool.DeleteTemporaryFiles();
    }
}
