using Boundary.Core;
using Boundary.Json;

namespace Boundary.Amplify;

/// <summary>An Amplify (Gen1) project on disk: where its files are, and which env is current.</summary>
public sealed class AmplifyProject
{
    public const string BoundaryKey = "PermissionsBoundaryPolicyArn";
    public const string ProviderKey = "awscloudformation";

    private AmplifyProject(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string AmplifyDir => Path.Combine(Root, "amplify");

    /// <summary>The backend folder, relative to the root with '/' (as journals and reports name files).</summary>
    public const string BackendFolder = "amplify/backend";

    /// <summary>The host's copy of the last deployment, relative to the root with '/'.</summary>
    public const string CurrentCloudBackendFolder = "amplify/#current-cloud-backend";

    public string BackendDir => Path.Combine(Root, BackendFolder);

    public string TeamProviderInfoPath => Path.Combine(AmplifyDir, "team-provider-info.json");

    public string AmplifyMetaPath => Path.Combine(BackendDir, "amplify-meta.json");

    public string LocalEnvInfoPath => Path.Combine(AmplifyDir, ".config", "local-env-info.json");

    public string LocalAwsInfoPath => Path.Combine(AmplifyDir, ".config", "local-aws-info.json");

    public string HooksDir => Path.Combine(AmplifyDir, "hooks");

    /// <summary>The host's hook settings: among them the script extensions it runs besides js and sh.</summary>
    public string HooksConfigPath => Path.Combine(HooksDir, "hooks-config.json");

    /// <summary>
    /// The host's settings and state files of the project, whether they exist or not: what this tool must
    /// never replace with a file of its own (a report), or every later command would fail.
    /// </summary>
    public IReadOnlyList<string> HostSettingsFiles =>
    [
        TeamProviderInfoPath, AmplifyMetaPath, LocalEnvInfoPath, LocalAwsInfoPath,
        Path.Combine(AmplifyDir, ".config", "project-config.json"), Path.Combine(BackendDir, "backend-config.json"),
        Path.Combine(AmplifyDir, "cli.json"), HooksConfigPath,
    ];

    /// <summary>This tool's own state (lock, push journal), ignored by git through its own .gitignore.</summary>
    public string StateDir => Path.Combine(AmplifyDir, ".boundary");

    public static bool IsProjectRoot(string folder)
    {
        var amplify = Path.Combine(folder, "amplify");
        return Directory.Exists(amplify) &&
               (Directory.Exists(Path.Combine(amplify, "backend")) ||
                Directory.Exists(Path.Combine(amplify, ".config")) ||
                File.Exists(Path.Combine(amplify, "team-provider-info.json")));
    }

    /// <summary>
    /// The project at <paramref name="projectDir"/>, or the nearest folder holding <c>amplify/</c>
    /// walking up from <paramref name="workingDir"/>.
    /// </summary>
    public static AmplifyProject Locate(string? projectDir, string workingDir)
    {
        if (!string.IsNullOrEmpty(projectDir))
        {
            var full = Path.GetFullPath(projectDir, workingDir);
            if (!IsProjectRoot(full))
                throw BoundaryException.File($"No Amplify project at {full}: it has no 'amplify' folder with 'backend', '.config' or 'team-provider-info.json'. Pass the folder that holds 'amplify/' to --project-dir.");
            return new AmplifyProject(full);
        }
        var looked = new List<string>();
        for (var folder = new DirectoryInfo(Path.GetFullPath(workingDir)); folder is not null; folder = folder.Parent)
        {
            if (IsProjectRoot(folder.FullName))
                return new AmplifyProject(folder.FullName);
            looked.Add(folder.FullName);
        }
        throw BoundaryException.File($"No Amplify project found: none of {string.Join(", ", looked)} holds an 'amplify' folder. Run inside a project or pass --project-dir <folder>.");
    }

    /// <summary>The env named in <c>amplify/.config/local-env-info.json</c>, or null.</summary>
    public string? CurrentEnv()
    {
        if (!File.Exists(LocalEnvInfoPath))
            return null;
        var name = LoadJson(LocalEnvInfoPath).GetString("envName");
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>
    /// One of the project's JSON files, read only when no link on its way leads out of the project: what
    /// the tool reads from a file quotes its text in errors and output.
    /// </summary>
    /// <exception cref="BoundaryException">A link leads outside the project, or the file cannot be read or parsed (exit 3).</exception>
    public JsonFile LoadJson(string path)
    {
        Files.ProjectPath.ConfineRead(Root, path);
        return JsonFile.Load(path);
    }

    public JsonFile LoadTeamProviderInfo()
    {
        if (!File.Exists(TeamProviderInfoPath))
            throw BoundaryException.File($"{TeamProviderInfoPath} does not exist. Run 'amplify init' (or 'amplify env pull') first, or use 'dotnet boundary env add <name>' to create the env's entry.");
        var file = LoadJson(TeamProviderInfoPath);
        CheckTeamProviderInfoShape(file);
        return file;
    }

    /// <summary>
    /// team-provider-info's shape, checked before any command trusts it: each env an object, its
    /// awscloudformation (when present) an object, the boundary (when present) a string or null. A file
    /// of another shape is an error, never "no boundary": pre-push must not let roles through because of it.
    /// </summary>
    public static void CheckTeamProviderInfoShape(JsonFile file)
    {
        foreach (var env in file.Root.Properties)
        {
            if (!env.Value.IsObject)
                throw Misshapen(file, env.Value, $"env '{env.Name}' must be an object");
            if (env.Value[ProviderKey] is not { } provider)
                continue;
            if (!provider.IsObject)
                throw Misshapen(file, provider, $"{env.Name}.{ProviderKey} must be an object");
            if (provider[BoundaryKey] is { } boundary && boundary.Kind is not (JsonKind.String or JsonKind.Null))
                throw Misshapen(file, boundary, $"{env.Name}.{ProviderKey}.{BoundaryKey} must be a string (a policy ARN)");
        }
    }

    private static BoundaryException Misshapen(JsonFile file, JsonNode node, string what) =>
        BoundaryException.File($"{file.Source.Describe(node.Start)}: {what}, found {node.Kind.ToString().ToLowerInvariant()}. " +
                               "Restore the file from version control ('git checkout -- amplify/team-provider-info.json') or fix it by hand, and run again.");

    public static IReadOnlyList<string> EnvNames(JsonFile teamProviderInfo) =>
        teamProviderInfo.Root.Properties.Select(p => p.Name).Distinct().ToList();

    /// <summary>
    /// The env a command acts on: the one asked for (which must exist in team-provider-info), else the
    /// current one.
    /// </summary>
    public string ResolveEnv(string? requested, JsonFile teamProviderInfo)
    {
        var known = EnvNames(teamProviderInfo);
        var env = string.IsNullOrEmpty(requested) ? CurrentEnv() : requested;
        if (env is null)
        {
            if (known.Count == 1)
                return known[0];
            throw BoundaryException.Usage($"No current env: {LocalEnvInfoPath} is missing or names none. Pass --env <name> (known: {Describe(known)}).");
        }
        if (!known.Contains(env))
            throw BoundaryException.Usage($"Unknown env '{Text.Printable.Of(env)}': {TeamProviderInfoPath} has {Describe(known)}. Pass --env with one of them, or create it with 'dotnet boundary env add {Text.Printable.Of(env)}'.");
        return env;
    }

    // Env names come from team-provider-info: shown escaped (see Printable).
    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "no envs" : string.Join(", ", names.Select(n => Text.Printable.Of(n)));
}
