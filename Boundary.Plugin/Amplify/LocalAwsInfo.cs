using Boundary.Json;

namespace Boundary.Amplify;

/// <summary>An env's entry in <c>amplify/.config/local-aws-info.json</c>: how the host gets its credentials.</summary>
public sealed record LocalAwsInfo(string? ConfigLevel, bool UseProfile, string? ProfileName, string? AwsConfigFilePath)
{
    public bool IsGeneral => ConfigLevel == "general";

    /// <summary>The env's entry, or null when the file or the entry is missing.</summary>
    public static LocalAwsInfo? Read(AmplifyProject project, string env)
    {
        if (!File.Exists(project.LocalAwsInfoPath))
            return null;
        var file = project.LoadJson(project.LocalAwsInfoPath);
        if (file.Find(env) is not { IsObject: true })
            return null;
        return new LocalAwsInfo(
            file.GetString(env, "configLevel"),
            file.Find(env, "useProfile")?.Kind == JsonKind.True,
            file.GetString(env, "profileName"),
            file.GetString(env, "awsConfigFilePath"));
    }
}
