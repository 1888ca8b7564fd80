using System.Text;
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

    private const int PathMax = Files.ProjectPath.PathMax;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "#current-cloud-backend", "node_modules", ".temp" };

    /// <summary>Files (sorted, for stable output) below each path; a path that is a file is taken as it is.</summary>
    /// <param name="warnings">Gets one line per file skipped because it is not a regular file (a FIFO, socket, device, or a link to one).</param>
    /// <param name="root">
    /// A linked folder that leads outside it is an error naming the link: the templates behind it could
    /// neither be edited nor left out (nor checked where the host would not look). Not given: each folder
    /// given is the root of what is below it.
    /// </param>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, List<string>? warnings = null, string? root = null)
    {
        var realRoot = root is null ? null : Files.ProjectPath.RealPath(root);
        var walk = new Walk(warnings);
        foreach (var path in paths)
        {
            // The folder walked is itself inside the root: amplify/backend linked out of the project would
            // have verify read and report what lies elsewhere on the machine.
            if (root is not null)
                Files.ProjectPath.ConfineRead(root, path);
            if (File.Exists(path))
                walk.Found.Add((Path.GetFullPath(path), Files.ProjectPath.RealPath(path)));
            else if (Directory.Exists(path))
            {
                var realPath = Files.ProjectPath.RealPath(path, out var links);
                walk.Add(new DirectoryInfo(path), realPath, IsAmplifyBackend(path) ? ResourceLevels : 0, links, realRoot ?? realPath);
            }
            else
                throw BoundaryException.File($"{path}: no such file or folder.");
        }
        walk.Run();
        walk.Found.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        // Two paths to one file (a link beside its target) would have it edited twice: the first path in
        // sorted order stands for it.
        var realPaths = new HashSet<string>(StringComparer.Ordinal);
        var result = walk.Found.Where(f => realPaths.Add(f.RealPath)).Select(f => f.Path).ToList();
        walk.RefuseUnfollowed(realPaths);
        RefuseHiddenCharacters(result, paths);
        return result;
    }

    /// <summary>
    /// A template whose path below the folder given holds a control or format character, or a backslash,
    /// is refused: the push journal takes no such path (<see cref="Files.ProjectPath.CheckRelative"/>), so
    /// post-push could not put it back, and such a character could also break a line of the report or
    /// make it print as another template's. The same rule for verify and inject, so that all three agree.
    /// </summary>
    private static void RefuseHiddenCharacters(List<string> found, IEnumerable<string> paths)
    {
        var starts = paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)) + Path.DirectorySeparatorChar).ToList();
        foreach (var file in found)
        {
            // A file given itself (a shell's glob can hand over any name) is judged by its own name.
            var start = starts.Where(s => file.StartsWith(s, StringComparison.Ordinal)).MaxBy(s => s.Length);
            var below = start is null ? Path.GetFileName(file) : file[start.Length..];
            var what = Files.ProjectPath.HasHiddenCharacter(below) ? "a control or format character (shown as \\uxxxx)"
                : below.Contains('\\') ? "a backslash"
                : null;
            if (what is not null)
                throw BoundaryException.File(
                    $"{Files.ProjectPath.ShowHidden(file)}: its path holds {what}, which the push journal cannot record and which can break a line of output or make it print as another path, so it can be neither checked nor capped. Nothing was changed. " +
                    "Rename it (or the folder on the way), and run again.");
        }
    }

    private static bool IsAmplifyBackend(string path)
    {
        var folder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return folder.Name == "backend" && folder.Parent?.Name == "amplify";
    }

    /// <summary>The levels kept whatever their names one folder down: none below a resource, the same at every depth.</summary>
    private static int Below(int unskipped) => Math.Max(0, unskipped - 1);

    /// <summary>A folder skipped where names count: dependencies, the host's copies, dot-folders.</summary>
    private static bool IsSkippedName(string name) => name.StartsWith('.') || SkippedFolders.Contains(name);

    /// <summary>Whether a file's name makes it a candidate: a template extension, or the host's own pattern.</summary>
    public static bool IsCandidateName(string name) =>
        !name.StartsWith('.') && (Extensions.Contains(Path.GetExtension(name)) || HostTemplatePattern().IsMatch(name));

    /// <summary>One call's walk: what it found, and what it could not follow.</summary>
    private sealed class Walk(List<string>? warnings)
    {
        /// <summary>Each folder walked, by real path, with the most levels below it that were kept whatever their names.</summary>
        private readonly Dictionary<string, int> walked = new(StringComparer.Ordinal);

        /// <summary>
        /// Links the kernel could not follow from the walked path (more links on the way than it follows in
        /// one path) though they lead somewhere from their folder's real path: each must be reached another
        /// way. A null real path: a path on the way too long to resolve, which nothing can show reached.
        /// </summary>
        private readonly List<(string Link, string? RealPath, bool IsFolder, int Unskipped)> unfollowed = [];

        /// <summary>Linked folders met and not yet walked, by the links on their path, then in the order met.</summary>
        private readonly PriorityQueue<(DirectoryInfo Folder, string RealPath, int Unskipped, string RealRoot), (int Links, long Order)> linked = new();

        private long met;

        public List<(string Path, string RealPath)> Found { get; } = [];

        /// <summary>A folder to walk, reached through <paramref name="links"/> links, whose linked folders must stay below <paramref name="realRoot"/>.</summary>
        public void Add(DirectoryInfo folder, string realFolder, int unskipped, int links, string realRoot) =>
            linked.Enqueue((folder, realFolder, unskipped, realRoot), (links, met++));

        /// <summary>
        /// Walks the folders added and everything below them, by the number of links the kernel follows on
        /// the way: a folder that is not a link with its parent, a linked one once every folder reached
        /// through fewer links is walked, whichever folder given it is below. A folder is so walked first by
        /// the path through the fewest links, and only a folder that has no shorter path is reached where
        /// the kernel gives up.
        /// </summary>
        public void Run()
        {
            while (linked.TryDequeue(out var next, out _))
                Folder(next.Folder, next.RealPath, next.Unskipped, next.RealRoot);
        }

        /// <param name="realFolder">The folder's real path (every link resolved): an entry that is not a link has its own real path below it, without resolving the whole path again.</param>
        /// <param name="unskipped">How many levels below <paramref name="folder"/> keep every folder, whatever its name (0 from the resource level down: the same rules at every depth).</param>
        private void Folder(DirectoryInfo folder, string realFolder, int unskipped, string realRoot)
        {
            // A linked folder is walked like any other; a folder reached twice (a link back up, or two links
            // to one folder) only once, so that a loop of links ends, unless the second way keeps more of
            // the levels below it (a link from amplify/backend to a folder deeper down): the folders it keeps
            // are the host's resources there.
            if (walked.TryGetValue(realFolder, out var before) && before >= unskipped)
                return;
            walked[realFolder] = unskipped;
            var folderBytes = Encoding.UTF8.GetByteCount(folder.FullName);
            List<FileSystemInfo> entries;
            try
            {
                entries = folder.EnumerateFileSystemInfos().ToList();
            }
            catch (PathTooLongException e)
            {
                throw TooLong(folder, "an entry", e);
            }
            catch (DirectoryNotFoundException e)
            {
                // Gone since it was listed, or a name that is not UTF-8: .NET's name for it no longer leads to it.
                throw NotOpenable(folder.FullName, "the templates in it", e);
            }
            catch (UnauthorizedAccessException e)
            {
                var shown = Files.ProjectPath.ShowHidden(folder.FullName);
                throw BoundaryException.File(
                    $"{shown}: cannot be read (permission denied), so the templates in it can be neither checked nor capped. Nothing was changed. " +
                    $"Make it readable (chmod u+rx '{shown}') or move it out of the project, and run again.", e);
            }
            RefuseTwins(entries, unskipped);
            foreach (var entry in entries)
            {
                if (entry is not FileInfo file)
                    continue;
                var candidate = IsCandidateName(file.Name);
                var isLink = (file.Attributes & FileAttributes.ReparsePoint) != 0;
                // A link past the limit could lead to a folder of templates: no call can tell.
                if (candidate || isLink)
                    RefuseTooLong(folder, folderBytes, file.Name);
                // A link the kernel would not follow from here is listed as a file whatever it leads to: the
                // folder or template behind it may still be one the host reads by a path with fewer links.
                if (isLink && Files.RegularFile.FollowsTooManyLinks(file.FullName) &&
                    Unfollowed(file, realFolder, candidate, unskipped, realRoot))
                    continue;
                if (!candidate)
                    continue;
                // Reading a FIFO would block forever and a device never end: only regular files are templates.
                // The link itself first: a regular file that is no link needs no second look.
                var own = Files.RegularFile.KindOf(file.FullName, followLinks: false);
                // Listed but not found by its own name: a name that is not valid UTF-8 (.NET's name for it
                // holds U+FFFD instead), or removed meanwhile. Skipping it would leave its roles uncapped.
                if (own == Files.FileKind.Missing)
                    throw NotOpenable(file.FullName, "the roles in it", null);
                var kind = own == Files.FileKind.SymbolicLink ? Files.RegularFile.KindOf(file.FullName) : own;
                if (kind == Files.FileKind.Regular)
                {
                    // A template behind a link out of the project is refused as a folder behind one is: read
                    // by verify, its text would come from elsewhere on the machine.
                    var realFile = Path.Join(realFolder, file.Name);
                    if (own == Files.FileKind.SymbolicLink)
                    {
                        realFile = Files.ProjectPath.RealPath(file.FullName);
                        RefuseOutside(file, realFile, realRoot);
                    }
                    Found.Add((file.FullName, realFile));
                }
                else
                    warnings?.Add($"{Files.ProjectPath.ShowHidden(file.FullName)}: skipped, not a regular file ({(kind == Files.FileKind.Missing ? "a link to nothing, or a loop of links" : Files.NotRegularFileException.Describe(kind))}).");
            }
            foreach (var entry in entries)
            {
                if (entry is not DirectoryInfo child || (unskipped == 0 && IsSkippedName(child.Name)))
                    continue;
                RefuseTooLong(folder, folderBytes, child.Name);
                if ((child.Attributes & FileAttributes.ReparsePoint) == 0)
                {
                    Folder(child, Path.Join(realFolder, child.Name), Below(unskipped), realRoot);
                    continue;
                }
                var realChild = Files.ProjectPath.RealPath(child.FullName, out var childLinks);
                RefuseOutside(child, realChild, realRoot);
                linked.Enqueue((child, realChild, Below(unskipped), realRoot), (childLinks, met++));
            }
        }

        /// <summary>
        /// Notes a link the kernel does not follow from the walked path when it leads to a folder (not
        /// skipped by its name) or a template from its folder's real path; false when it leads nowhere
        /// from there either (a loop, or a chain too long from anywhere), which the caller treats as a
        /// link to nothing.
        /// </summary>
        /// <param name="unskipped">The levels below the link's folder kept whatever their names (its folder's own).</param>
        private bool Unfollowed(FileInfo link, string realFolder, bool candidate, int unskipped, string realRoot)
        {
            var fromRealFolder = Path.Join(realFolder, link.Name);
            if (Encoding.UTF8.GetByteCount(fromRealFolder) >= PathMax)
            {
                // Every call on so long a path fails, so where the link leads cannot be told.
                unfollowed.Add((link.FullName, null, true, Below(unskipped)));
                return true;
            }
            string real;
            try
            {
                real = Files.ProjectPath.RealPath(fromRealFolder);
            }
            catch (BoundaryException) when (Files.RegularFile.FollowsTooManyLinks(fromRealFolder))
            {
                // The kernel cannot follow it from the real path either: a loop, or a chain too long from anywhere.
                return false;
            }
            catch (BoundaryException)
            {
                // A path on its way too long to resolve: where it leads cannot be told.
                unfollowed.Add((link.FullName, null, true, Below(unskipped)));
                return true;
            }
            switch (Files.RegularFile.KindOf(real))
            {
                case Files.FileKind.Directory when unskipped > 0 || !IsSkippedName(link.Name):
                    RefuseOutside(link, real, realRoot);
                    unfollowed.Add((link.FullName, real, true, Below(unskipped)));
                    return true;
                case Files.FileKind.Directory:
                    return true;
                case Files.FileKind.Regular when candidate:
                    unfollowed.Add((link.FullName, real, false, 0));
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Two entries of one name in a listing: a name that is not valid UTF-8 got U+FFFD for its bytes and
        /// spells another entry's name, which every call by that name then reaches instead: refused, or one
        /// of the two would be checked twice and the other never. Only among what the walk would look at
        /// (template names, folders it goes into): twin names elsewhere are no template's.
        /// </summary>
        private static void RefuseTwins(List<FileSystemInfo> entries, int unskipped)
        {
            HashSet<string>? seen = null;
            foreach (var entry in entries)
                if (entry.Name.Contains('\uFFFD') &&
                    (entry is FileInfo ? IsCandidateName(entry.Name) : !(unskipped == 0 && IsSkippedName(entry.Name))) &&
                    !(seen ??= new(StringComparer.Ordinal)).Add(entry.Name))
                    throw BoundaryException.File(
                        $"{Files.ProjectPath.ShowHidden(entry.FullName)}: another entry beside it has a name that is not valid UTF-8 and reads as this one ('ls -b' shows its bytes), so that entry cannot be opened by its name and its templates can be neither checked nor capped. Nothing was changed. " +
                        "Rename that entry, or move it out of the project, and run again.");
        }

        private static BoundaryException NotOpenable(string path, string what, Exception? inner) => BoundaryException.File(
            $"{Files.ProjectPath.ShowHidden(path)}: cannot be opened by its name (removed meanwhile, or a name that is not valid UTF-8), so {what} can be neither checked nor capped. Nothing was changed. " +
            "Rename it, or move it out of the project, and run again.", inner);

        /// <summary>
        /// An entry whose path is longer than the system takes cannot be opened, nor can its type be read
        /// (.NET then reports every attribute at once): refused before anything else looks at it.
        /// </summary>
        private static void RefuseTooLong(DirectoryInfo folder, int folderBytes, string name)
        {
            if (folderBytes + 1 + Encoding.UTF8.GetByteCount(name) >= PathMax)
                throw TooLong(folder, $"'{Files.ProjectPath.ShowHidden(name)}'");
        }

        private static BoundaryException TooLong(DirectoryInfo folder, string what, Exception? inner = null) => BoundaryException.File(
            $"{Files.ProjectPath.ShowHidden(folder.FullName)}: {what} in it has a path longer than the system takes ({PathMax} bytes), so the templates there can be neither checked nor capped. Nothing was changed. " +
            "Shorten the folder names on the way, or move the folder out of the project, and run again.", inner);

        /// <summary>A linked folder that leaves the root is refused outright: its templates could neither be edited nor left out.</summary>
        private static void RefuseOutside(FileSystemInfo link, string realPath, string realRoot)
        {
            if (!Files.ProjectPath.IsInside(realRoot, realPath))
                throw BoundaryException.File($"{Files.ProjectPath.ShowHidden(link.FullName)}: a link to {Files.ProjectPath.ShowHidden(link.LinkTarget ?? "")} (resolved: {Files.ProjectPath.ShowHidden(realPath)}), outside {realRoot}; {(link is DirectoryInfo ? "the templates behind it" : "the template behind it")} can be neither edited nor left out. Nothing was changed. Replace the link with a copy of {(link is DirectoryInfo ? "the folder" : "the file")} and run again.");
        }

        /// <summary>
        /// Refuses the run when a link the kernel could not follow leads to a folder or template the walk
        /// did not reach another way (<paramref name="realPathsFound"/>: the templates' real paths): its
        /// roles could be neither checked nor capped, yet the host may read them by a path with fewer links.
        /// </summary>
        public void RefuseUnfollowed(HashSet<string> realPathsFound)
        {
            foreach (var (link, realPath, isFolder, unskipped) in unfollowed)
            {
                var reached = realPath is not null && (isFolder
                    ? walked.TryGetValue(realPath, out var kept) && kept >= unskipped
                    : realPathsFound.Contains(realPath));
                if (!reached)
                    throw BoundaryException.File(
                        $"{link}: a link that cannot be followed from here: the path passes through more links than the system follows in one path " +
                        (realPath is null ? "(and a path on its way is too long to tell where it leads). " : $"(it leads to {realPath}). ") +
                        "The templates behind it can be neither checked nor capped. Nothing was changed. " +
                        "Name the project or folder by its real path (realpath prints it) or shorten the chain of links, and run again.");
            }
        }
    }
}
