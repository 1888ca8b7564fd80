using Boundary.Core;
using Boundary.Files;
using Boundary.Json;

namespace Boundary.Amplify;

/// <summary>
/// Reads and writes each env's boundary: <c>&lt;env&gt;.awscloudformation.PermissionsBoundaryPolicyArn</c>
/// in team-provider-info, mirrored for the current env into amplify-meta's
/// <c>providers.awscloudformation</c>.
/// </summary>
public sealed class BoundarySettings(AmplifyProject project)
{
    private static string[] TeamProviderPath(string env) => [env, AmplifyProject.ProviderKey, AmplifyProject.BoundaryKey];

    private static readonly string[] MetaPath = ["providers", AmplifyProject.ProviderKey, AmplifyProject.BoundaryKey];

    public AmplifyProject Project { get; } = project;

    public string ResolveEnv(string? requested) => Project.ResolveEnv(requested, Project.LoadTeamProviderInfo());

    public string? Get(string env) => Read(Project.LoadTeamProviderInfo(), env);

    /// <summary>The boundary in team-provider-info, validated: a malformed stored ARN is an error, not a value to use.</summary>
    public static string? Read(JsonFile teamProviderInfo, string env)
    {
        var value = teamProviderInfo.GetString(TeamProviderPath(env));
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public IReadOnlyList<EnvBoundary> List()
    {
        var teamProviderInfo = Project.LoadTeamProviderInfo();
        var current = Project.CurrentEnv();
        var meta = File.Exists(Project.AmplifyMetaPath) ? Project.LoadJson(Project.AmplifyMetaPath) : null;
        var metaValue = meta?.GetString(MetaPath);
        metaValue = string.IsNullOrEmpty(metaValue) ? null : metaValue;
        return AmplifyProject.EnvNames(teamProviderInfo).Select(env =>
        {
            var value = Read(teamProviderInfo, env);
            var isCurrent = env == current;
            return new EnvBoundary(env, value, isCurrent, isCurrent ? metaValue : null, isCurrent && meta is not null && metaValue != value);
        }).ToList();
    }

    /// <summary>
    /// Sets (or with null or empty, removes) the env's boundary in team-provider-info and, for the
    /// current env, in amplify-meta. Both files are parsed and their edits computed before either is
    /// written; each write is atomic. With <paramref name="createEnv"/> a missing env gets its entry.
    /// </summary>
    public BoundaryChange Set(string env, string? arn, bool createEnv = false)
    {
        if (!string.IsNullOrEmpty(arn))
            arn = PolicyArn.Parse(arn).ToString();
        using var gate = ProjectLock.Acquire(Project.Root, Project.StateDir);

        var exists = File.Exists(Project.TeamProviderInfoPath);
        if (!exists && !createEnv)
            Project.LoadTeamProviderInfo(); // throws the "missing" error
        var teamProviderInfo = exists ? Project.LoadTeamProviderInfo() : null;
        var known = teamProviderInfo is null ? [] : AmplifyProject.EnvNames(teamProviderInfo);
        if (!createEnv && !known.Contains(env))
            Project.ResolveEnv(env, teamProviderInfo!); // throws the "unknown env" error

        var previous = teamProviderInfo is null ? null : Read(teamProviderInfo, env);
        var warnings = new List<string>();
        var writes = new List<(string Path, byte[] Bytes, byte[]? Original)>();

        if (teamProviderInfo is null)
        {
            if (!string.IsNullOrEmpty(arn))
                writes.Add((Project.TeamProviderInfoPath, NewTeamProviderInfo(env, arn), null));
        }
        else
        {
            var edit = string.IsNullOrEmpty(arn)
                ? teamProviderInfo.Remove(TeamProviderPath(env))
                : teamProviderInfo.SetString(TeamProviderPath(env), arn, appendTopLevel: true);
            if (edit is not null)
                writes.Add((teamProviderInfo.Path, teamProviderInfo.Apply(edit), teamProviderInfo.Source.ToArray()));
        }

        if (env == Project.CurrentEnv())
        {
            if (!File.Exists(Project.AmplifyMetaPath))
            {
                warnings.Add($"{Project.AmplifyMetaPath} does not exist, so only team-provider-info was written; the host copies the boundary into it on the next 'amplify env checkout' or push.");
            }
            else
            {
                var meta = Project.LoadJson(Project.AmplifyMetaPath);
                if (meta.Find("providers", AmplifyProject.ProviderKey) is not { IsObject: true })
                {
                    warnings.Add($"{Project.AmplifyMetaPath} has no providers.awscloudformation object, so it was left alone.");
                }
                else
                {
                    var edit = string.IsNullOrEmpty(arn) ? meta.Remove(MetaPath) : meta.SetString(MetaPath, arn);
                    if (edit is not null)
                        writes.Add((meta.Path, meta.Apply(edit), meta.Source.ToArray()));
                }
            }
        }

        WriteAllOrNothing(writes);
        return new BoundaryChange(env, previous, string.IsNullOrEmpty(arn) ? null : arn, writes.Select(w => w.Path).ToList(), warnings);
    }

    /// <summary>
    /// Both files or neither: every temp file is written before any file is replaced, and when a later
    /// rename fails the files already replaced get their original bytes back.
    /// </summary>
    private void WriteAllOrNothing(IReadOnlyList<(string Path, byte[] Bytes, byte[]? Original)> writes)
    {
        RefuseOneFileByTwoNames(writes.Select(w => w.Path).ToList());
        foreach (var (path, _, _) in writes)
            AtomicFile.EnsureWritable(path);
        var prepared = new List<PreparedWrite>();
        try
        {
            foreach (var (path, bytes, _) in writes)
                prepared.Add(AtomicFile.Prepare(Project.Root, path, bytes));
            for (var index = 0; index < prepared.Count; index++)
            {
                try
                {
                    prepared[index].Commit();
                }
                catch (BoundaryException e) when (index > 0)
                {
                    var problems = new List<string>();
                    for (var done = 0; done < index; done++)
                    {
                        try
                        {
                            if (writes[done].Original is { } original)
                                AtomicFile.Write(Project.Root, writes[done].Path, original);
                            else
                                AtomicFile.Delete(Project.Root, writes[done].Path);
                        }
                        catch (BoundaryException rollback)
                        {
                            problems.Add(rollback.Message);
                        }
                    }
                    throw problems.Count == 0
                        ? BoundaryException.File(e.Message + $"\n{string.Join(", ", writes.Take(index).Select(w => w.Path))} was put back as it was: nothing changed.", e)
                        : BoundaryException.File(e.Message + "\nPutting back the file written before it failed too, so the files now disagree:\n" + string.Join("\n", problems), e);
                }
            }
        }
        finally
        {
            foreach (var write in prepared)
                write.Dispose();
        }
    }

    /// <summary>
    /// Two of the files to write that are one file through a link (inside the project: links out are
    /// refused when read): each edit is made from that file as first read, so the second write would undo
    /// the first and the change would be reported while the env kept its old boundary.
    /// </summary>
    private static void RefuseOneFileByTwoNames(IReadOnlyList<string> paths)
    {
        var real = paths.Select(path => ProjectPath.RealPath(path)).ToList();
        for (var i = 0; i < real.Count; i++)
            for (var j = i + 1; j < real.Count; j++)
                if (real[i] == real[j])
                    throw BoundaryException.File($"{paths[i]} and {paths[j]} are one file (a link leads from one to the other), so the env's boundary cannot be written to each. Make each a file of its own (the Amplify CLI keeps them apart) and run again; nothing was changed.");
    }

    private static byte[] NewTeamProviderInfo(string env, string arn)
    {
        // The host's own style: 2-space indentation, no final newline.
        var text = "{\n  " + JsonEditor.Quote(env) + ": {\n    \"" + AmplifyProject.ProviderKey + "\": {\n      \"" +
                   AmplifyProject.BoundaryKey + "\": " + JsonEditor.Quote(arn) + "\n    }\n  }\n}";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
