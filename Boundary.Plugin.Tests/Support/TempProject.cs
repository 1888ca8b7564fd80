using System.Text;

namespace Boundary.Tests.Support;

/// <summary>
/// A real Amplify project folder in a fresh temp directory, deleted afterwards: made from files given
/// by the test, or copied from a fixture under Fixtures/.
/// </summary>
public sealed class TempProject : IDisposable
{
    public TempProject()
    {
        // Straight under the temp folder (nothing shared left behind), with the default mode (not
        // CreateTempSubdirectory's 0700), so that a test may run the tool as another user.
        Root = Path.Combine(Path.GetTempPath(), "boundary-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Amplify => Path.Combine(Root, "amplify");

    public string TeamProviderInfo => Path.Combine(Amplify, "team-provider-info.json");

    public string AmplifyMeta => Path.Combine(Amplify, "backend", "amplify-meta.json");

    public string LocalEnvInfo => Path.Combine(Amplify, ".config", "local-env-info.json");

    public static string FixturesDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    /// <summary>A copy of Fixtures/<paramref name="name"/> (the folder that holds 'amplify/').</summary>
    public static TempProject FromFixture(string name)
    {
        var project = new TempProject();
        CopyDirectory(Path.Combine(FixturesDir, name), project.Root);
        return project;
    }

    /// <summary>A minimal project: the given team-provider-info text and current env, and an amplify-meta.</summary>
    public static TempProject Minimal(string? teamProviderInfo = null, string currentEnv = "dev", string? amplifyMeta = null)
    {
        var project = new TempProject();
        project.Write("amplify/team-provider-info.json", teamProviderInfo ??
            "{\n  \"dev\": {\n    \"awscloudformation\": {\n      \"Region\": \"us-east-1\",\n      \"StackName\": \"amplify-p-dev-1\"\n    }\n  },\n  \"prod\": {\n    \"awscloudformation\": {\n      \"Region\": \"us-east-1\"\n    }\n  }\n}");
        project.Write("amplify/.config/local-env-info.json", $"{{\n  \"projectPath\": \"{project.Root}\",\n  \"defaultEditor\": \"code\",\n  \"envName\": \"{currentEnv}\"\n}}");
        project.Write("amplify/backend/amplify-meta.json", amplifyMeta ??
            "{\n  \"providers\": {\n    \"awscloudformation\": {\n      \"Region\": \"us-east-1\"\n    }\n  }\n}");
        return project;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public void WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Every file below the root with its bytes, for "nothing else changed" checks.</summary>
    public Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.boundary{Path.DirectorySeparatorChar}"))
            .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllBytes);

    public static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
