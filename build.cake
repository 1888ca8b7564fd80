// Build script: ./build.sh --target=<name>. Targets: Clean, Build, Test, Pack, Install, Demo, Bench.
using System.Text.RegularExpressions;
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var testFilter = Argument("filter", "");

var root = MakeAbsolute(Directory("."));
var artifacts = root.Combine("artifacts");
var feed = root.Combine("nuget");
var solution = root.CombineWithFilePath("Boundary.sln");
var toolProject = root.CombineWithFilePath("Boundary.Plugin/Boundary.Plugin.csproj");
var sampleArn = "arn:aws:iam::123456789012:policy/DemoBoundary";

Task("Clean").Does(() =>
{
    CleanDirectories("./**/bin/" + configuration);
    CleanDirectories("./**/obj");
    CleanDirectory(artifacts);
    DeleteFiles(feed + "/*.nupkg");
});

Task("Build").Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test").IsDependentOn("Build").Does(() =>
{
    var results = artifacts.Combine("test-results");
    CleanDirectory(results);
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Loggers = { "trx;LogFileName=tests.trx", "console;verbosity=normal" },
        ResultsDirectory = results,
        Filter = string.IsNullOrEmpty(testFilter) ? null : testFilter,
    };
    Exception? failure = null;
    try { DotNetTest(solution.FullPath, settings); }
    catch (Exception e) { failure = e; }
    // One plain closing line that any CI reads: "N passed, N failed, N skipped".
    var trx = GetFiles(results + "/**/*.trx").FirstOrDefault();
    if (trx is not null)
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        var skipped = Count("notExecuted") + Count("inconclusive");
        Console.WriteLine($"Tests: {Count("passed")} passed, {Count("failed") + Count("error") + Count("timeout") + Count("aborted")} failed, {skipped} skipped");
    }
    if (failure is not null) throw failure;
});

Task("Pack").IsDependentOn("Build").Does(() =>
{
    EnsureDirectoryExists(feed);
    DeleteFiles(feed + "/Boundary.Plugin.*.nupkg");
    var code = StartProcess("bash", new ProcessSettings { Arguments = $"eng/pack-tool.sh \"{feed}\"", WorkingDirectory = root });
    if (code != 0) throw new Exception("eng/pack-tool.sh failed");
    foreach (var package in GetFiles(feed + "/*.nupkg")) Information($"packed {package.GetFilename()}");
});

// Installs the packed tool globally (uninstalling an older copy first, since 'update' skips an equal version).
Task("Install").IsDependentOn("Pack").Does(() =>
{
    StartProcess("dotnet", new ProcessSettings { Arguments = "tool uninstall --global Boundary.Plugin", RedirectStandardOutput = true, RedirectStandardError = true });
    var code = StartProcess("dotnet", new ProcessSettings { Arguments = $"tool install --global Boundary.Plugin --add-source \"{feed}\" --ignore-failed-sources" });
    if (code != 0) throw new Exception("dotnet tool install failed");
    Information($"Installed: {GlobalTool()} (run it as 'dotnet boundary' or 'dotnet-boundary'; add ~/.dotnet/tools to PATH if needed).");
});

// The main job on the bundled sample: set a boundary, run the pre-push hook as the host would, show the
// result, verify it, then let post-push put every file back.
Task("Demo").IsDependentOn("Install").Does(() =>
{
    var work = artifacts.Combine("demo");
    CleanDirectory(work);
    var project = work.Combine("demo-app");
    CopyDirectory(root.Combine("samples/demo-app"), project);
    var pristine = work.Combine("pristine");
    CopyDirectory(root.Combine("samples/demo-app"), pristine);
    var payload = "{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"dev\",\"projectPath\":\"" + project.FullPath + "\",\"defaultEditor\":\"code\"},\"command\":\"push\",\"argv\":[\"node\",\"amplify\",\"push\"]}}}";
    System.IO.File.WriteAllText(work.CombineWithFilePath("payload.json").FullPath, payload);
    void Step(string title, string command)
    {
        Information("");
        Information($"== {title}");
        Information($"$ {command}");
        var code = StartProcess("bash", new ProcessSettings { Arguments = $"-c \"{command.Replace("\"", "\\\"")}\"", WorkingDirectory = project });
        Information($"(exit {code})");
    }
    var tool = GlobalTool();
    Step("Every env and its boundary", $"{tool} list");
    Step("Set the dev env's boundary", $"{tool} set {sampleArn}");
    Step("The pre-push hook, fed the host's payload", $"{tool} hook pre-push < ../payload.json");
    Step("What it changed (boundary lines only)", "git diff --no-index --stat ../pristine/amplify amplify; git diff --no-index -U1 ../pristine/amplify/backend amplify/backend | grep -E '^(\\+\\+\\+|\\+ )' || true");
    Step("Every role carries the boundary", $"{tool} verify");
    Step("The post-push hook puts every template back", $"{tool} hook post-push < ../payload.json && diff -r -x amplify-meta.json ../pristine/amplify/backend amplify/backend && echo 'every template is byte-identical to the original (amplify-meta.json keeps the boundary set above)'");
});

// Speed and memory: pre-push on a generated 2,000-template project against 'cp -r', start-up against an
// empty console app, and audit against moto with 5,000 roles. Figures go to artifacts/bench/*.json.
Task("Bench").IsDependentOn("Pack").Does(() =>
{
    var output = artifacts.Combine("bench");
    foreach (var script in new[] { "bench/run.sh", "bench/audit-bench.sh" })
    {
        var code = StartProcess("bash", new ProcessSettings { Arguments = $"{script} \"{feed}\" \"{output}\"", WorkingDirectory = root });
        if (code != 0) throw new Exception($"{script} failed");
    }
});

string GlobalTool()
{
    var home = EnvironmentVariable("DOTNET_CLI_HOME") ?? EnvironmentVariable("HOME") ?? "/root";
    return System.IO.Path.Combine(home, ".dotnet", "tools", "dotnet-boundary");
}

RunTarget(target);
