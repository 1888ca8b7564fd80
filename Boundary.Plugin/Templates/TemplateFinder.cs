using Boundary.Core;

namespace Boundary.Templates;

/// <summary>
/// Finds the files that may be CloudFormation templates below a folder: every .json, .yml, .yaml and
/// .template file, and every name the host's own pattern takes (<c>*template*.+(yaml|yml|json)</c>, which
/// also matches <c>x-template.jsonjson</c>), except in the host's copy of the last deployment
/// (#current-cloud-backend), node_modules, .temp and dot-folders. Below <c>amplify/backend</c> the
/// category and resource folders are never skipped by name: the host deploys every resource its
/// backend-config names, whatever the folder is called. Whether a file really is a template, and whether
/// JSON or YAML, is decided later by its content.
/// </summary>
public static partial class TemplateFinder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".json", ".yml", ".yaml", ".template" };

    // The host's glob for a resource's templates, '*template*.+(yaml|yml|json)': '+(...)' is one or more.
    [System.Text.RegularExpressions.GeneratedRegex(@"template.*\.(?:yaml|yml|json)+\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex HostTemplatePattern();

    /// <summary>Category and resource: the folders below amplify/backend that are never skipped by name.</summary>
    private const int ResourceLevels = 2;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "#current-cloud-backend", "node_modules", ".temp" };

    /// <summary>Files (sorted, for stable output) below each path; a path that is a file is taken as it is.</summary>
    /// <param name="warnings">Gets one line per file skipped because it is not a regular file (a FIFO, socket, device, or a link to one).</param>
    /// <param name="root">When given, a linked folder that leads outside it is an error naming the link: the templates behind it could neither be edited nor left out.</param>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, List<string>? warnings = null, string? root = null)
    {
        var realRoot = root is null ? null : Files.ProjectPath.RealPath(root);
        var found = new List<(string Path, string RealPath)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
                found.Add((Path.GetFullPath(path), Files.ProjectPath.RealPath(path)));
            else if (Directory.Exists(path))
                Walk(new DirectoryInfo(path), Files.ProjectPath.RealPath(path), found, warnings, realRoot, visited, IsAmplifyBackend(path) ? ResourceLevels : 0);
            else
                throw BoundaryException.File($"{path}: no such file or folder.");
        }
        found.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        // Two paths to one file (a link beside its target) would have it edited twice: the first path in
        // sorted order stands for it.
        var realPaths = new HashSet<string>(StringComparer.Ordinal);
        return found.Where(f => realPaths.Add(f.RealPath)).Select(f => f.Path).ToList();
    }

    private static bool IsAmplifyBackend(string path)
    {
        var folder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return folder.Name == "backend" && folder.Parent?.Name == "amplify";
    }

    /// <summary>Whether a file's name makes it a candidate: a template extension, or the host's own pattern.</summary>
    public static bool IsCandidateName(string name) =>
        !name.StartsWith('.') && (Extensions.Contains(Path.GetExtension(name)) || HostTemplatePattern().IsMatch(name));

    /// <param name="realFolder">The folder's real path (every link resolved): an entry that is not a link has its own real path below it, without resolving the whole path again.</param>
    /// <param name="unskipped">How many levels below <paramref name="folder"/> keep every folder, whatever its name.</param>
    private static void Walk(DirectoryInfo folder, string realFolder, List<(string Path, string RealPath)> found, List<string>? warnings, string? realRoot, HashSet<string> visited, int unskipped)
    {
        // A linked folder is walked like any other; a folder reached twice (a link back up, or two links
        // to one folder) only once, so that a loop of links ends.
        if (!visited.Add(realFolder))
            return;
        List<FileSystemInfo> entries;
        try
        {
            entries = folder.EnumerateFileSystemInfos().ToList();
        }
        catch (UnauthorizedAccessException e)
        {
            throw BoundaryException.File(
                $"{folder.FullName}: cannot be read (permission denied), so the templates in it can be neither checked nor capped. Nothing was changed. " +
                $"Make it readable (chmod u+rx '{folder.FullName}') or move it out of the project, and run again.", e);
        }
        foreach (var file in entries)
        {
            if (file is not FileInfo || !IsCandidateName(file.Name))
                continue;
            // Reading a FIFO would block forever and a device never end: only regular files are templates.
            // The link itself first: a regular file that is no link needs no second look.
            var own = Files.RegularFile.KindOf(file.FullName, followLinks: false);
            var kind = own == Files.FileKind.SymbolicLink ? Files.RegularFile.KindOf(file.FullName) : own;
            if (kind == Files.FileKind.Regular)
                found.Add((file.FullName, own == Files.FileKind.SymbolicLink ? Files.ProjectPath.RealPath(file.FullName) : Path.Join(realFolder, file.Name)));
            else
                warnings?.Add($"{file.FullName}: skipped, not a regular file ({(kind == Files.FileKind.Missing ? "a link to nothing, or a loop of links" : Files.NotRegularFileException.Describe(kind))}).");
        }
        foreach (var entry in entries)
        {
            if (entry is not DirectoryInfo child || (unskipped <= 0 && (child.Name.StartsWith('.') || SkippedFolders.Contains(child.Name))))
                continue;
            var linked = (child.Attributes & FileAttributes.ReparsePoint) != 0;
            var realChild = linked ? Files.ProjectPath.RealPath(child.FullName) : Path.Join(realFolder, child.Name);
            // A linked folder that leaves the root is refused outright: its templates could neither be edited nor left out.
            if (linked && realRoot is not null && !Files.ProjectPath.IsInside(realRoot, realChild))
                throw BoundaryException.File($"{child.FullName}: a link to {child.LinkTarget} (resolved: {realChild}), outside {realRoot}; the templates behind it can be neither edited nor left out. Nothing was changed. Replace the link with a copy of the folder and run again.");
            Walk(child, realChild, found, warnings, realRoot, visited, unskipped - 1);
        }
    }
}
