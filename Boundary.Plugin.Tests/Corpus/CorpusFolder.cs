using Boundary.Tests.Support;

namespace Boundary.Tests.Corpus;

/// <summary>
/// The corpus of real Amplify projects (read-only data, never copied into the repository):
/// BOUNDARY_CORPUS (the corpus folder or its projects/ folder), else <c>shared/corpus/projects</c> next to
/// the repository root or next to one of its ancestors (a worktree under /work/wt finds /work/shared).
/// </summary>
public static class CorpusFolder
{
    private static readonly Lazy<(string? Path, string Why)> Found = new(Locate);

    /// <summary>The folder holding one folder per project, or null (see <see cref="Why"/>).</summary>
    public static string? Projects => Found.Value.Path;

    public static string Why => Found.Value.Why;

    /// <summary>The project folder names, sorted; empty when the corpus is absent.</summary>
    public static IReadOnlyList<string> ProjectNames =>
        Projects is null
            ? []
            : Directory.EnumerateDirectories(Projects).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Skips the calling test, with the reason, when the corpus is absent.</summary>
    public static string Require()
    {
        if (Projects is null)
        {
            TestContext.Progress.WriteLine($"Skipping the corpus suite: {Why}");
            Assert.Ignore(Why);
        }
        return Projects!;
    }

    private static (string?, string) Locate()
    {
        var variable = Environment.GetEnvironmentVariable("BOUNDARY_CORPUS");
        if (!string.IsNullOrEmpty(variable))
        {
            foreach (var candidate in new[] { Path.Combine(variable, "projects"), variable })
                if (Directory.Exists(candidate) && Directory.EnumerateDirectories(candidate).Any(d => Directory.Exists(Path.Combine(d, "amplify"))))
                    return (Path.GetFullPath(candidate), "");
            return (null, $"BOUNDARY_CORPUS={variable} holds no project folders (folders with 'amplify/').");
        }
        string root;
        try
        {
            root = PackedTool.RepositoryRoot;
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
        var looked = new List<string>();
        for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "projects");
            if (Directory.Exists(candidate))
                return (candidate, "");
            looked.Add(candidate);
        }
        return (null, $"no corpus of real projects: set BOUNDARY_CORPUS, or put it at ../shared/corpus (looked in {string.Join(", ", looked)}).");
    }
}
