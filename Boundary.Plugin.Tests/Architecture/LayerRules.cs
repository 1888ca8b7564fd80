using System.Text.RegularExpressions;

namespace Boundary.Tests.Architecture;

/// <summary>
/// The tool's folders and which other folders each may use: the command line on top, then the features,
/// then what they share about a project (Amplify, Templates, Aws), then JSON, YAML, text and files, and
/// Core (exit codes, the run context, the prompter interface) at the bottom. A folder is a namespace.
/// </summary>
public static partial class LayerRules
{
    private static readonly string[] Bottom = ["Core", "Text", "Files", "Json", "Yaml", "Sarif"];
    private static readonly string[] Middle = ["Amplify", "Templates", "Aws"];
    private static readonly string[] Features = ["Environments", "Push", "Inject", "HookSetup", "Verify", "Audit", "Organizations"];

    /// <summary>The folders (namespaces under <c>Boundary</c>) each folder may name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed { get; } = BuildAllowed();

    private static Dictionary<string, IReadOnlySet<string>> BuildAllowed()
    {
        var allowed = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Core"] = new HashSet<string>(),
            // A source text is read through Files, which opens regular files only.
            ["Text"] = new HashSet<string> { "Core", "Files" },
            ["Files"] = new HashSet<string> { "Core" },
            ["Json"] = new HashSet<string> { "Core", "Text" },
            ["Yaml"] = new HashSet<string> { "Core", "Text" },
            ["Sarif"] = new HashSet<string>(),
        };
        foreach (var folder in Middle)
            allowed[folder] = new HashSet<string>(Bottom.Concat(Middle));
        foreach (var folder in Features)
            allowed[folder] = new HashSet<string>(Bottom.Concat(Middle).Concat(Features));
        allowed["Cli"] = new HashSet<string>(Bottom.Concat(Middle).Concat(Features).Append("Cli"));
        allowed[""] = allowed["Cli"]; // Program.cs, at the project root, wires the commands up
        return allowed;
    }

    /// <summary>
    /// Every place a .cs file under <paramref name="projectDir"/> names a namespace its folder may not use
    /// (a using directive or a qualified name), or declares a namespace other than its folder's.
    /// </summary>
    public static IReadOnlyList<string> Violations(string projectDir)
    {
        var violations = new List<string>();
        var known = Allowed.Keys.Where(k => k.Length > 0).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(projectDir, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(projectDir, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
                continue;
            var folder = relative.Contains('/') ? relative[..relative.IndexOf('/')] : "";
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                violations.Add($"{relative}: folder '{folder}' has no place in the layers (add it to {nameof(LayerRules)})");
                continue;
            }
            var code = WithoutCommentsAndStrings(File.ReadAllText(file));
            var expected = folder.Length == 0 ? "Boundary" : "Boundary." + folder;
            var declared = NamespaceDeclaration().Match(code);
            if (!declared.Success || declared.Groups[1].Value != expected)
                violations.Add($"{relative}: declares namespace '{(declared.Success ? declared.Groups[1].Value : "(none)")}', expected '{expected}'");
            code = NamespaceDeclaration().Replace(code, "");
            var named = QualifiedName().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(RelativeName().Matches(code).Select(m => m.Groups[1].Value).Where(known.Contains));
            foreach (var target in named.Distinct())
                if (target != folder && known.Contains(target) && !allowed.Contains(target))
                    violations.Add($"{relative}: uses Boundary.{target}, which '{(folder.Length == 0 ? "(root)" : folder)}' may not depend on");
        }
        return violations;
    }

    private static string WithoutCommentsAndStrings(string code)
    {
        code = Regex.Replace(code, "\"\"\".*?\"\"\"", "\"\"", RegexOptions.Singleline);
        code = Regex.Replace(code, @"//[^\n]*", "");
        code = Regex.Replace(code, @"/\*.*?\*/", "", RegexOptions.Singleline);
        return Regex.Replace(code, @"@?\$?""(?:[^""\\\n]|\\.)*""", "\"\"");
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    /// <summary><c>using Boundary.Cli;</c>, <c>Boundary.Cli.ExitCodes</c>, <c>global using static Boundary.Cli.X</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])Boundary\.(\w+)")]
    private static partial Regex QualifiedName();

    /// <summary><c>Cli.ExitCodes</c> from inside another <c>Boundary.*</c> namespace.</summary>
    [GeneratedRegex(@"(?<![\w.])(\w+)\.[A-Z]\w*")]
    private static partial Regex RelativeName();
}
