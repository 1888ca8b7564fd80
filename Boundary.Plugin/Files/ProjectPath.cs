using Boundary.Core;

namespace Boundary.Files;

/// <summary>
/// Keeps every file the tool writes inside one root folder (the project, or the folder given to
/// inject): a path is followed component by component, each link resolved, and refused when it leads
/// outside the root. The error names the link. Paths read from the tool's own state files must also be
/// relative, '/'-separated and free of '..', checked by <see cref="CheckRelative"/>.
/// </summary>
public static class ProjectPath
{
    private const int MaxLinks = 40;

    /// <summary>Linux's PATH_MAX, in bytes with the final NUL: a path this long or longer is refused by every call that takes one.</summary>
    public const int PathMax = 4096;

    /// <summary>
    /// The real path (every link resolved) of <paramref name="path"/>, which must lie inside
    /// <paramref name="root"/> once links are followed. The last component need not exist.
    /// </summary>
    /// <exception cref="BoundaryException">The path, or a link on its way, leads outside the root (exit 3).</exception>
    public static string Confine(string root, string path) => Confine(root, path, null);

    /// <summary>
    /// <see cref="Confine(string, string)"/> for a project file the tool reads (a settings file, a hook
    /// script): a cloned project can hold a link from <c>team-provider-info.json</c> to a file elsewhere on
    /// the machine, and what is read from it would reach the output, if only in a parse error.
    /// </summary>
    /// <exception cref="BoundaryException">The path, or a link on its way, leads outside the root (exit 3).</exception>
    public static string ConfineRead(string root, string path) => Confine(root, path, null, reading: true);

    /// <summary>
    /// <see cref="Confine(string, string)"/> for each of <paramref name="paths"/>, with each folder on
    /// the way resolved once (for many files below the same folders; the tree must not change meanwhile).
    /// The first path that leads outside stops it, with <see cref="Confine(string, string)"/>'s error.
    /// </summary>
    public static IReadOnlyList<string> ConfineAll(string root, IEnumerable<string> paths)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        return paths.Select(path => Confine(root, path, resolved)).ToList();
    }

    /// <param name="resolved">Paths (as shown in errors) already resolved in this tree, and their real paths; filled as it goes.</param>
    private static string Confine(string root, string path, Dictionary<string, string>? resolved, bool reading = false)
    {
        var does = reading ? "reads" : "writes";
        var lexicalRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string? realRoot = null;
        if (resolved is null || !resolved.TryGetValue(lexicalRoot, out realRoot))
        {
            realRoot = RealPath(lexicalRoot);
            resolved?.Add(lexicalRoot, realRoot);
        }
        var full = Path.GetFullPath(path, lexicalRoot);
        var relative = Path.GetRelativePath(lexicalRoot, full);
        var shown = lexicalRoot;
        if (Escapes(relative) && !Escapes(Path.GetRelativePath(realRoot, full)))
        {
            // Already a real path (resolved earlier) below the root's real path.
            relative = Path.GetRelativePath(realRoot, full);
            shown = realRoot;
        }
        if (relative == ".")
            return realRoot;
        if (Escapes(relative))
            throw BoundaryException.File($"{full}: outside {lexicalRoot}; 'dotnet boundary' {does} nothing outside it. Nothing was changed.");
        var current = realRoot;
        foreach (var component in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(current, component);
            shown = Path.Join(shown, component);
            if (resolved is not null && resolved.TryGetValue(shown, out var known))
            {
                current = known;
                continue;
            }
            var link = LinkTarget(candidate);
            if (link is null)
                current = candidate;
            else
            {
                var target = RealPath(candidate);
                if (!IsInside(realRoot, target))
                    throw BoundaryException.File(
                        $"{shown}: a link to {link} (resolved: {target}), outside {lexicalRoot}; 'dotnet boundary' never {does} through a link that leaves the folder it works on. " +
                        "Nothing was changed. Replace the link with a copy of its target (or a link inside the folder) and run again.");
                current = target;
            }
            resolved?.Add(shown, current);
        }
        return current;
    }

    private static bool Escapes(string relative) =>
        Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Checks a path read from a state file: relative, '/'-separated, no empty, '.' or '..' component, no
    /// backslash, no control or format character. Null when it is fine, else the problem.
    /// </summary>
    public static string? CheckRelative(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return "the path is empty";
        if (path.StartsWith('/') || path.Contains('\\') || (path.Length >= 2 && path[1] == ':'))
            return $"'{ShowHidden(path)}' is not a relative '/'-separated path";
        // Format characters (a right-to-left override, a zero-width joiner) make a path print as another one.
        if (HasHiddenCharacter(path))
            return $"'{ShowHidden(path)}' holds a control or format character";
        foreach (var component in path.Split('/'))
            if (component is "" or "." or "..")
                return $"'{ShowHidden(path)}' has an empty, '.' or '..' component";
        return null;
    }

    /// <summary>The full path of a relative '/'-separated path below <paramref name="root"/>, confined to it.</summary>
    public static string ResolveRelative(string root, string relative) =>
        Confine(root, Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public static bool IsInside(string realRoot, string realPath) =>
        realPath == realRoot ||
        realPath.StartsWith(realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="path"/> with every link resolved, component by component as the kernel does
    /// ('..' after a link goes up from the link's target). Components that do not exist are kept as written.
    /// </summary>
    public static string RealPath(string path) => RealPath(path, out _);

    /// <summary><see cref="RealPath(string)"/>, with the number of links followed on the way (what the kernel counts against its limit of 40 in one path).</summary>
    public static string RealPath(string path, out int links)
    {
        var pending = new Stack<string>();
        var full = Path.GetFullPath(path);
        foreach (var component in full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            pending.Push(component);
        var current = Path.GetPathRoot(full) ?? "/";
        links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component == ".")
                continue;
            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var candidate = Path.Join(current, component);
            // No call takes so long a path, so whether it is a link cannot be told: taking it for a folder
            // would let a link out of the project pass for one.
            if (System.Text.Encoding.UTF8.GetByteCount(candidate) >= PathMax)
                throw BoundaryException.File($"{path}: a path on the way is longer than the system takes ({PathMax} bytes), so where it leads cannot be told. Nothing was changed. Shorten the folder names on the way and run again.");
            var target = LinkTarget(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxLinks)
                throw BoundaryException.File($"{path}: too many levels of links. Nothing was changed.");
            if (Path.IsPathRooted(target))
                current = Path.GetPathRoot(target) ?? "/";
            foreach (var part in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(part);
        }
        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a path holds a control or format character (a line feed, an escape, a right-to-left
    /// override, a zero-width joiner): such a path can break a line of output or print as another path.
    /// </summary>
    public static bool HasHiddenCharacter(string path)
    {
        foreach (var rune in path.EnumerateRunes())
            if (IsHidden(rune))
                return true;
        return false;
    }

    /// <summary>The path with each control or format character written as <c>\uXXXX</c> (<c>\U</c> and eight digits outside the BMP), as the console filter writes them, the rest as it is.</summary>
    public static string ShowHidden(string path)
    {
        if (!HasHiddenCharacter(path))
            return path;
        var builder = new System.Text.StringBuilder(path.Length + 16);
        foreach (var rune in path.EnumerateRunes())
            builder.Append(!IsHidden(rune) ? rune.ToString() : rune.IsBmp ? $"\\u{rune.Value:X4}" : $"\\U{rune.Value:X8}");
        return builder.ToString();
    }

    // By code point, not by UTF-16 unit: the invisible tag characters (U+E0000-U+E007F) are format
    // characters whose surrogate halves are not. Line and paragraph separators break a line as a line feed does.
    private static bool IsHidden(System.Text.Rune rune) =>
        System.Text.Rune.IsControl(rune) || System.Text.Rune.GetUnicodeCategory(rune) is
            System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
}
