namespace Boundary.Files;

/// <summary>The tool's state folder, created with a .gitignore so its contents never reach version control.</summary>
public static class StateFolder
{
    public static void Ensure(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        var ignore = Path.Combine(stateDir, ".gitignore");
        if (!File.Exists(ignore))
            File.WriteAllText(ignore, "# Written by dotnet boundary: its lock and push journal are local state.\n*\n");
    }
}
