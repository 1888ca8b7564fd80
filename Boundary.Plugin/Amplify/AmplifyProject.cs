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
        var name = JsonFile.Load(LocalEnvInfoPath).GetString("envName");
        return string.IsNullOrEmpty(name) ? null : name;
    }

    public JsonFile LoadTeamProviderInfo()
    {
        if (!File.Exists(TeamProviderInfoPath))
            throw BoundaryException.File($"{TeamProviderInfoPath} does not exist. Run 'amplify init' (or 'amplify env pull') first, or use 'dotnet boundary env add <name>' to create the env's entry.");
        return JsonFile.Load(TeamProviderInfoPath);
    }

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
            throw BoundaryException.Usage($"Unknown env '{env}': {TeamProviderInfoPath} has {Describe(known)}. Pass --env with one of them, or create it with 'dotnet boundary env add {env}'.");
        return env;
    }

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "no envs" : string.Join(", ", names);
}
