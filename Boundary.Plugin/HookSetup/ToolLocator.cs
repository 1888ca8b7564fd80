namespace Boundary.HookSetup;

/// <summary>
/// Mirrors the hook script's search, in the same order: <c>BOUNDARY_HOOK_TOOL</c>; a local tool listed in a
/// <c>.config/dotnet-tools.json</c> (or <c>dotnet-tools.json</c>) at or above the project root when
/// <c>dotnet</c> is on PATH; <c>dotnet-boundary</c> on PATH; <c>$DOTNET_CLI_HOME/.dotnet/tools</c> and
/// <c>$HOME/.dotnet/tools</c>.
/// </summary>
public static class ToolLocator
{
    public const string ToolName = "dotnet-boundary";

    public static ToolResolution Resolve(string projectRoot, Func<string, string?> environment)
    {
        var path = environment("PATH") ?? "";
        var overridden = environment(HookScripts.ToolVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            var program = File.Exists(overridden) ? overridden : overridden.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            var found = File.Exists(program) || FindOnPath(program, path) is not null;
            return new ToolResolution(found, $"{HookScripts.ToolVariable}={overridden}", overridden);
        }
        if (FindOnPath("dotnet", path) is not null && FindManifest(projectRoot) is { } manifest)
            return new ToolResolution(true, $"local tool ({manifest})", "dotnet tool run dotnet-boundary");
        if (FindOnPath(ToolName, path) is { } onPath)
            return new ToolResolution(true, "global tool on PATH", onPath);
        foreach (var home in new[] { environment("DOTNET_CLI_HOME"), environment("HOME") })
        {
            if (string.IsNullOrEmpty(home))
                continue;
            var candidate = Path.Combine(home, ".dotnet", "tools", ToolName);
            if (IsExecutable(candidate))
                return new ToolResolution(true, "global tool in ~/.dotnet/tools", candidate);
        }
        return new ToolResolution(false, $"not found: install it with '{HookScripts.InstallHint}' or as a local tool", null);
    }

    /// <summary>The first tool manifest at or above <paramref name="folder"/> that lists dotnet-boundary.</summary>
    public static string? FindManifest(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            foreach (var manifest in new[] { Path.Combine(dir.FullName, ".config", "dotnet-tools.json"), Path.Combine(dir.FullName, "dotnet-tools.json") })
            {
                try
                {
                    if (File.Exists(manifest) && File.ReadAllText(manifest).Contains($"\"{ToolName}\"", StringComparison.Ordinal))
                        return manifest;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
        return null;
    }

    public static string? FindOnPath(string program, string path)
    {
        if (program.Contains('/') || program.Contains(Path.DirectorySeparatorChar))
            return IsExecutable(program) ? program : null;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate))
                return candidate;
            if (OperatingSystem.IsWindows() && IsExecutable(candidate + ".exe"))
                return candidate + ".exe";
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        return (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
