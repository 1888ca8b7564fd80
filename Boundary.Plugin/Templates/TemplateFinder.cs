using Boundary.Core;
namespace Boundary.Templates;

/// <summary>
/// Finds the files that may be CloudFormation templates below a folder: every .json, .yml, .yaml and
/// .template file, except in the host's copy of the last deployment (#current-cloud-backend),
/// node_modules, .temp and dot-folders. Whether a file really is a template, and whether JSON or
/// YAML, is decided later by its content.
/// </summary>
public static class TemplateFinder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yml", ".yaml", ".template" };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "#current-cloud-backend", "node_modules", ".temp" };

    /// <summary>Files (sorted, for stable output) below each path; a path that is a file is taken as it is.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
                found.Add(Path.GetFullPath(path));
            else if (Directory.Exists(path))
                Walk(new DirectoryInfo(path), found);
            else
                throw BoundaryException.File($"{path}: no such file or folder.");
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(DirectoryInfo folder, List<string> found)
    {
        foreach (var file in folder.EnumerateFiles())
            if (Extensions.Contains(file.Extension) && !file.Name.StartsWith('.'))
                found.Add(file.FullName);
        foreach (var child in folder.EnumerateDirectories())
        {
            if (child.Name.StartsWith('.') || SkippedFolders.Contains(child.Name))
                continue;
            if ((child.Attributes & FileAttributes.ReparsePoint) != 0)
                continue; // a linked folder could loop or leave the project
            Walk(child, found);
        }
    }
}
