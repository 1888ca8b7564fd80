using System.Text;
using System.Text.Json;
using Boundary.Tests.Support;

namespace Boundary.Tests.Corpus;

/// <summary>How one run reaches the tool: the command entry point in-process, or the installed tool as a subprocess.</summary>
public delegate CliResult ToolRunner(string workingDirectory, string stdin, params string[] args);

/// <summary>A changed template kept for the cfn-lint comparison.</summary>
public sealed record ChangedTemplate(string Project, string RelativePath, byte[] Original, byte[] Changed);

/// <summary>One row of the corpus table, with what went wrong.</summary>
public sealed class ProjectOutcome(string project)
{
    public string Project { get; } = project;

    public string Env { get; set; } = "";

    public int Templates { get; set; }

    public int Roles { get; set; }

    public int Injected { get; set; }

    public int Kept { get; set; }

    public List<string> Failures { get; } = [];

    /// <summary>What 'hook pre-push' printed (stdout, then stderr).</summary>
    public string PrePushOutput { get; set; } = "";

    public List<ChangedTemplate> Changed { get; } = [];

    public void Fail(string message) => Failures.Add(message);
}

/// <summary>
/// Runs the push hooks over a copy of one corpus project and checks the result against the original
/// bytes and a standard reader: every AWS::IAM::Role under amplify/backend capped (or keeping a
/// person's value), each changed file the original plus boundary entries only, and every byte back
/// after post-push.
/// </summary>
public static class CorpusProjectRun
{
    public const string Arn = "arn:aws:iam::123456789012:policy/amplify/CorpusBoundary";

    private const string RoleMarker = "AWS::IAM::Role";

    private const string CopyPrefix = "amplify/#current-cloud-backend/";

    public static ProjectOutcome Run(string corpusProjects, string name, ToolRunner tool)
    {
        var outcome = new ProjectOutcome(name);
        using var project = new TempProject();
        TempProject.CopyDirectory(Path.Combine(corpusProjects, name), project.Root);
        MakeWritable(project.Root); // the corpus is read-only; a checked-out project is not
        try
        {
            Check(project, outcome, tool);
        }
        catch (Exception e) when (e is not (IgnoreException or SuccessException))
        {
            outcome.Fail($"{e.GetType().Name}: {e.Message}");
        }
        return outcome;
    }

    private static void Check(TempProject project, ProjectOutcome outcome, ToolRunner tool)
    {
        var env = GiveEnvABoundary(project, tool, outcome);
        outcome.Env = env;
        var before = Snapshot(project);

        var payload = Payload(env, project.Root);
        var pre = tool(project.Root, payload, "hook", "pre-push");
        if (pre.ExitCode != 0)
        {
            outcome.Fail($"hook pre-push exited {pre.ExitCode}: {pre.StdErr.Trim()} {pre.StdOut.Trim()}");
            return;
        }
        outcome.PrePushOutput = (pre.StdOut + pre.StdErr).Trim();
        var after = Snapshot(project);
        foreach (var added in after.Keys.Except(before.Keys))
            outcome.Fail($"pre-push created {added}");
        foreach (var removed in before.Keys.Except(after.Keys))
            outcome.Fail($"pre-push deleted {removed}");

        foreach (var (path, original) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(path, out var changed))
                continue;
            var isChanged = !original.AsSpan().SequenceEqual(changed);
            var inBackend = path.StartsWith("amplify/backend/", StringComparison.Ordinal);
            if (!inBackend || !IsCandidate(path))
            {
                if (isChanged)
                    outcome.Fail($"{path}: changed, but it is not a template under amplify/backend");
                continue;
            }
            CheckTemplate(outcome, path, original, changed, isChanged);
        }

        // As the host does after a successful push: amplify/backend (with the hook's edits) becomes
        // amplify/#current-cloud-backend; post-push must undo the edits in that copy too.
        TempProject.CopyDirectory(project.PathOf("amplify/backend"), project.PathOf("amplify/#current-cloud-backend"));
        var post = tool(project.Root, payload, "hook", "post-push");
        if (post.ExitCode != 0)
        {
            outcome.Fail($"hook post-push exited {post.ExitCode}: {post.StdErr.Trim()} {post.StdOut.Trim()}");
            return;
        }
        var restored = Snapshot(project);
        foreach (var (path, original) in before)
        {
            if (!restored.TryGetValue(path, out var now))
                outcome.Fail($"post-push: {path} is gone");
            else if (!now.AsSpan().SequenceEqual(original))
                outcome.Fail($"post-push: {path} differs from the original bytes");
        }
        foreach (var (path, now) in restored.Where(p => p.Key.StartsWith(CopyPrefix, StringComparison.Ordinal)))
        {
            var source = "amplify/backend/" + path[CopyPrefix.Length..];
            if (before.TryGetValue(source, out var original) && !now.AsSpan().SequenceEqual(original))
                outcome.Fail($"post-push: {path} differs from the original bytes of {source}");
        }
        foreach (var extra in restored.Keys.Except(before.Keys).Where(p => !p.StartsWith(CopyPrefix, StringComparison.Ordinal)))
            outcome.Fail($"post-push left {extra}");
    }

    private static void CheckTemplate(ProjectOutcome outcome, string path, byte[] original, byte[] changed, bool isChanged)
    {
        IReadOnlyList<StandardRole>? rolesBefore;
        try
        {
            rolesBefore = StandardReader.Roles(original);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            // Not readable by a standard reader to begin with (e.g. JSON with a comment): only a file
            // that names a role is worth a look, and the tool must then have left it alone or capped it.
            if (original.AsSpan().IndexOf(Encoding.UTF8.GetBytes(RoleMarker)) >= 0)
                outcome.Fail($"{path}: a standard reader cannot read the original ({e.Message}); cannot check it");
            return;
        }
        if (rolesBefore is null)
        {
            if (isChanged)
                outcome.Fail($"{path}: not a template, but changed");
            return;
        }
        outcome.Templates++;
        outcome.Roles += rolesBefore.Count;
        IReadOnlyList<StandardRole>? rolesAfter;
        try
        {
            rolesAfter = StandardReader.Roles(changed);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            outcome.Fail($"{path}: a standard reader cannot read the changed file: {e.Message}");
            return;
        }
        if (rolesAfter is null || !rolesAfter.Select(r => r.LogicalId).SequenceEqual(rolesBefore.Select(r => r.LogicalId)))
        {
            outcome.Fail($"{path}: the changed file does not hold the same roles");
            return;
        }
        var injected = 0;
        foreach (var (before, now) in rolesBefore.Zip(rolesAfter))
        {
            if (before.Boundary is not null)
            {
                outcome.Kept++;
                if (now.Boundary != before.Boundary)
                    outcome.Fail($"{path}: {before.LogicalId}: the boundary a person set ({before.Boundary}) became {now.Boundary}");
            }
            else if (now.Boundary == Arn)
            {
                injected++;
            }
            else
            {
                outcome.Fail($"{path}: {before.LogicalId} has {(now.Boundary is null ? "no boundary" : "boundary " + now.Boundary)} after pre-push");
            }
        }
        outcome.Injected += injected;
        if (!isChanged)
            return;
        var diff = InsertionDiff.Check(original, changed);
        foreach (var problem in diff.Problems)
            outcome.Fail($"{path}: {problem}");
        if (diff.Boundaries != injected)
            outcome.Fail($"{path}: {diff.Boundaries} PermissionsBoundary entries were inserted for {injected} capped roles");
        outcome.Changed.Add(new ChangedTemplate(outcome.Project, path, original, changed));
    }

    /// <summary>
    /// Gives the project's env the boundary as a user would: 'set' on the env local-env-info names (or
    /// the first in team-provider-info), or 'init --env dev' when there is no team-provider-info; a
    /// missing local-env-info is created first, as 'amplify env checkout' would.
    /// </summary>
    private static string GiveEnvABoundary(TempProject project, ToolRunner tool, ProjectOutcome outcome)
    {
        string? env = null;
        List<string> known = [];
        if (File.Exists(project.TeamProviderInfo))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(project.TeamProviderInfo), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            known = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        }
        if (File.Exists(project.LocalEnvInfo))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(project.LocalEnvInfo));
            if (document.RootElement.TryGetProperty("envName", out var name) && known.Contains(name.GetString() ?? ""))
                env = name.GetString();
        }
        env ??= known.FirstOrDefault() ?? "dev";
        if (!File.Exists(project.LocalEnvInfo))
            project.Write("amplify/.config/local-env-info.json", JsonSerializer.Serialize(new { projectPath = project.Root, defaultEditor = "code", envName = env }));
        var result = known.Count == 0
            ? tool(project.Root, "", "init", "--permissions-boundary", Arn, "--env", env, "--create")
            : tool(project.Root, "", "set", Arn, "--env", env);
        if (result.ExitCode != 0)
            outcome.Fail($"giving env '{env}' a boundary failed: {result}");
        return env;
    }

    private static void MakeWritable(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static string Payload(string env, string root) =>
        JsonSerializer.Serialize(new { data = new { amplify = new { environment = new { envName = env, projectPath = root }, command = "push" } } });

    private static bool IsCandidate(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".json" or ".yml" or ".yaml" or ".template";

    /// <summary>Every file of the project but the tool's own state folder, by '/'-separated relative path.</summary>
    private static Dictionary<string, byte[]> Snapshot(TempProject project) =>
        Directory.EnumerateFiles(project.Root, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(project.Root, f).Replace(Path.DirectorySeparatorChar, '/'), Full: f))
            .Where(f => !f.Path.StartsWith("amplify/.boundary/", StringComparison.Ordinal))
            .ToDictionary(f => f.Path, f => File.ReadAllBytes(f.Full), StringComparer.Ordinal);
}
