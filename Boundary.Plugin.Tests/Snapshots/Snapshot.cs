using System.Text;

namespace Boundary.Tests.Snapshots;

/// <summary>
/// Golden files for the documents the tool writes, under Fixtures/snapshots/. A mismatch fails with both
/// texts; to accept a deliberate change, run the tests with BOUNDARY_UPDATE_SNAPSHOTS=1, which rewrites the
/// golden files in the source tree, and review the diff before committing it.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "BOUNDARY_UPDATE_SNAPSHOTS";

    public static void Match(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (!actual.EndsWith('\n'))
            actual += "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var source = SourceFolder() ?? throw new InvalidOperationException("No Boundary.Plugin.Tests folder above the test output to write the snapshots into.");
            Directory.CreateDirectory(source);
            File.WriteAllText(Path.Combine(source, name), actual, new UTF8Encoding(false));
            return;
        }
        var golden = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "snapshots", name);
        if (!File.Exists(golden))
            Assert.Fail($"No snapshot {name} yet. Run the test with {UpdateVariable}=1 to write it, then review it.\n{actual}");
        actual.Should().Be(File.ReadAllText(golden), $"the document must match Fixtures/snapshots/{name} (after a deliberate change: {UpdateVariable}=1)");
    }

    private static string? SourceFolder()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var tests = Path.Combine(dir.FullName, "Boundary.Plugin.Tests");
            if (File.Exists(Path.Combine(tests, "Boundary.Plugin.Tests.csproj")))
                return Path.Combine(tests, "Fixtures", "snapshots");
        }
        return null;
    }
}
