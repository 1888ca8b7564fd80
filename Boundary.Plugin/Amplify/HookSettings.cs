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
        // A setting misspelt ("includeusers") or one of a later version of the tool would otherwise be
        // ignored without a word: roles the team means to bound would not be.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in file.Root.Properties)
        {
            if (member.Name is not ("persist" or "includeUsers"))
                throw BoundaryException.File($"{file.Source.Describe(member.NameStart)}: '{Text.Printable.Of(member.Name)}' is not a setting of {FileName}, whose settings are 'persist' and 'includeUsers'; a setting this tool does not know is not ignored. Fix the name (or update the tool) and run again.");
            // Readers disagree about which of two counts (as for a template's keys).
            if (!seen.Add(member.Name))
                throw BoundaryException.File($"{file.Source.Describe(member.NameStart)}: '{member.Name}' appears twice in {FileName} (spelt alike once decoded). Keep one and run again.");
        }
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
