using Boundary.Core;

namespace Boundary.Amplify;

/// <summary>
/// The hook's project settings, <c>amplify/boundary-settings.json</c> (committed, so the whole team
/// pushes the same way): <c>{ "persist": true, "includeUsers": true }</c>. Both default to false;
/// command-line flags turn them on for one run.
/// </summary>
public sealed record HookSettings(bool Persist, bool IncludeUsers)
{
    public const string FileName = "boundary-settings.json";

    public static string PathOf(AmplifyProject project) => Path.Combine(project.AmplifyDir, FileName);

    public static HookSettings Load(AmplifyProject project)
    {
        var path = PathOf(project);
        if (!File.Exists(path))
            return new HookSettings(false, false);
        var file = project.LoadJson(path);
        return new HookSettings(Flag(file, "persist"), Flag(file, "includeUsers"));
    }

    private static bool Flag(Json.JsonFile file, string name)
    {
        var node = file.Find(name);
        if (node is null || node.Kind is Json.JsonKind.Null or Json.JsonKind.False)
            return false;
        if (node.Kind == Json.JsonKind.True)
            return true;
        throw BoundaryException.File($"{file.Source.Describe(node.Start)}: '{name}' must be true or false. Fix {file.Path} and run again.");
    }
}
