using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Boundary.Tests.Support;

namespace Boundary.Tests.Corpus;

/// <summary>
/// cfn-lint over every changed template and its original, in bulk (two processes, one per side, run
/// side by side: cfn-lint is slow to start). Only E-level findings count; an error is new when the
/// changed file has a (rule, template path) the original does not. Skipped, with the reason, when
/// cfn-lint is not installed.
/// </summary>
public sealed partial class CfnLintComparison
{
    private CfnLintComparison(string? skipped, int files, IReadOnlyList<(string Project, string Problem)> newErrors, string summary)
    {
        Skipped = skipped;
        Files = files;
        NewErrors = newErrors;
        Summary = summary;
    }

    public string? Skipped { get; }

    public int Files { get; }

    public IReadOnlyList<(string Project, string Problem)> NewErrors { get; }

    public string Summary { get; }

    public static CfnLintComparison Run(IReadOnlyList<ChangedTemplate> templates)
    {
        var executable = Find();
        if (executable is null)
            return new CfnLintComparison("cfn-lint is not installed (not on PATH); install it with 'pip install cfn-lint'.", 0, [], "cfn-lint: not installed, skipped");
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetTempPath(), "boundary-cfn-lint-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            if (templates.Count == 0)
                return new CfnLintComparison(null, 0, [], "cfn-lint: no changed templates");
            // Lint each distinct content once (build/ trees repeat templates), the changed files first: an
            // original needs linting only when its changed file has an error to compare.
            var changed = Lint(executable, work, "changed", templates.Select(t => (t.RelativePath, t.Changed)).ToList());
            var needed = templates.Where(t => changed[Key(t.RelativePath, t.Changed)].Count > 0).ToList();
            var originals = Lint(executable, work, "original", needed.Select(t => (t.RelativePath, t.Original)).ToList());
            var problems = new List<(string, string)>();
            var totalBefore = 0;
            foreach (var template in templates)
            {
                var now = changed[Key(template.RelativePath, template.Changed)];
                var old = now.Count == 0 ? [] : originals[Key(template.RelativePath, template.Original)];
                totalBefore += old.Count;
                foreach (var (key, message) in now)
                    if (!old.ContainsKey(key))
                        problems.Add((template.Project, $"{template.RelativePath}: cfn-lint error new after pre-push: {message}"));
            }
            var summary = $"cfn-lint {Version(executable)}: {templates.Count} changed templates, {needed.Count} originals (those with errors to compare) in {clock.Elapsed.TotalSeconds:0.0} s; " +
                          $"{totalBefore} E-level findings in those originals, {problems.Count} new after pre-push";
            return new CfnLintComparison(null, templates.Count, problems, summary);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Key(string relativePath, byte[] bytes) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + Path.GetExtension(relativePath).ToLowerInvariant();

    /// <summary>Lints each distinct (content, extension) once, in two processes side by side; findings by <see cref="Key"/>.</summary>
    private static Dictionary<string, Dictionary<string, string>> Lint(string executable, string work, string side, IReadOnlyList<(string RelativePath, byte[] Bytes)> files)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relative, bytes) in files)
        {
            var key = Key(relative, bytes);
            if (byKey.ContainsKey(key))
                continue;
            // Same extension as the template's: cfn-lint picks its reader by extension.
            var path = Path.Combine(work, side, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            byKey[key] = path;
        }
        var paths = byKey.Values.ToList();
        var shards = Enumerable.Range(0, 2).Select(i => paths.Where((_, n) => n % 2 == i).ToList()).Where(s => s.Count > 0).ToList();
        var found = shards.AsParallel().WithDegreeOfParallelism(2).SelectMany(shard => Lint(executable, shard, work)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return byKey.ToDictionary(p => p.Key, p => found.GetValueOrDefault(p.Value) ?? new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>E-level findings per file: key (rule and path in the template) to message.</summary>
    private static Dictionary<string, Dictionary<string, string>> Lint(string executable, IReadOnlyList<string> files, string work)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = work };
        foreach (var arg in new[] { "--format", "json", "--non-zero-exit-code", "none", "--" }.Concat(files))
            start.ArgumentList.Add(arg);
        if (files.Count == 0)
            return [];
        var result = ProcessRunner.Run(start, null, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"cfn-lint failed: {result}");
        var found = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(result.StdOut);
        foreach (var finding in document.RootElement.EnumerateArray())
        {
            var rule = finding.GetProperty("Rule").GetProperty("Id").GetString() ?? "";
            if (!rule.StartsWith('E'))
                continue;
            var file = Path.GetFullPath(finding.GetProperty("Filename").GetString() ?? "", work);
            var location = finding.GetProperty("Location");
            var path = location.TryGetProperty("Path", out var p) && p.ValueKind == JsonValueKind.Array
                ? string.Join("/", p.EnumerateArray().Select(s => s.ToString()))
                : "";
            var message = finding.GetProperty("Message").GetString() ?? "";
            // Line numbers move with every inserted line: leave them out of the key.
            var key = $"{rule} {path} {(path.Length == 0 ? LineNumbers().Replace(message, "#") : "")}";
            if (!found.TryGetValue(file, out var errors))
                found[file] = errors = new Dictionary<string, string>(StringComparer.Ordinal);
            errors.TryAdd(key, $"{rule} at {path} (line {location.GetProperty("Start").GetProperty("LineNumber")}): {message}");
        }
        return found;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex LineNumbers();

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0)
        .Select(d => Path.Combine(d, "cfn-lint"))
        .FirstOrDefault(File.Exists);

    private static string Version(string executable)
    {
        try
        {
            return ProcessRunner.Run(new ProcessStartInfo(executable, ["--version"]), null, TimeSpan.FromSeconds(60)).StdOut.Trim().Replace("cfn-lint ", "");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return "?";
        }
    }
}
