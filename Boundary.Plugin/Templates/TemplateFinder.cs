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
    /// <param name="warnings">Gets one line per file skipped because it is not a regular file (a FIFO, socket, device, or a link to one).</param>
    /// <param name="root">When given, a linked folder that leads outside it is an error naming the link: the templates behind it could neither be edited nor left out.</param>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, List<string>? warnings = null, string? root = null)
    {
        var realRoot = root is null ? null : Files.ProjectPath.RealPath(root);
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
                found.Add(Path.GetFullPath(path));
            else if (Directory.Exists(path))
                Walk(new DirectoryInfo(path), found, warnings, realRoot);
            else
                throw BoundaryException.File($"{path}: no such file or folder.");
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(DirectoryInfo folder, List<string> found, List<string>? warnings, string? realRoot)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            if (!Extensions.Contains(file.Extension) || file.Name.StartsWith('.'))
                continue;
            // Reading a FIFO would block forever and a device never end: only regular files are templates.
            var kind = Files.RegularFile.KindOf(file.FullName);
            if (kind == Files.FileKind.Regular)
                found.Add(file.FullName);
            else
                warnings?.Add($"{file.FullName}: skipped, not a regular file ({(kind == Files.FileKind.Missing ? "a link to nothing" : Files.NotRegularFileException.Describe(kind))}).");
        }
        foreach (var child in folder.EnumerateDirectories())
        {
            if (child.Name.StartsWith('.') || SkippedFolders.Contains(child.Name))
                continue;
            if ((child.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                // A linked folder could loop: not walked. One that leaves the root is refused outright.
                if (realRoot is not null && Files.ProjectPath.RealPath(child.FullName) is var target && !Files.ProjectPath.IsInside(realRoot, target))
                    throw BoundaryException.File($"{child.FullName}: a link to {child.LinkTarget} (resolved: {target}), outside {realRoot}; the templates behind it can be neither edited nor left out. Nothing was changed. Replace the link with a copy of the folder and run again.");
                continue;
            }
            Walk(child, found, warnings, realRoot);
        }
    }
}
