// Build script: ./build.sh --target=<name>. Targets: Clean, Build, TestFast, Test, Pack, Install, Demo, Bench.
#nullable enable
using System.Security.Cryptography;
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
// What the Test target hands to the test run (the packed tool, the folder of the Python tools).
var testEnvironment = new Dictionary<string, string>();

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

// Seconds: the tests that need nothing but .NET (category Unit: in-process, temp files), for the inner loop.
Task("TestFast").IsDependentOn("Build").Does(() =>
{
    RunTests(string.IsNullOrEmpty(testFilter) ? "TestCategory=Unit" : $"(TestCategory=Unit)&({testFilter})", new Dictionary<string, string>());
});

// The whole suite: Unit, Moto, EndToEnd, Corpus and Host. The tool is packed once here and handed to the
// tests; the real Amplify CLI, moto, cfn-lint and the aws CLI are installed when they are missing and can be.
// What cannot run is skipped with its reason, and the closing line counts it.
Task("Test").IsDependentOn("Build").IsDependentOn("TestTool").IsDependentOn("TestPrerequisites").Does(() =>
{
    RunTests(string.IsNullOrEmpty(testFilter) ? null : testFilter, testEnvironment);
});

// Packs the tool the way users get it (eng/pack-tool.sh) and installs it with --tool-path, into
// artifacts/test-tool/<version>/. The version is derived from the inputs of the pack, so an unchanged tool
// is packed once, and a changed one never meets a stale copy of itself in a NuGet cache.
Task("TestTool").Does(() =>
{
    var given = EnvironmentVariable("BOUNDARY_TOOL_PATH");
    if (!string.IsNullOrEmpty(given))
    {
        Information($"BOUNDARY_TOOL_PATH={given}: the tests run that tool (nothing packed).");
        return;
    }
    var version = "0.0.0-test.h" + PackInputsHash()[..12];
    var folder = artifacts.Combine("test-tool").Combine(version);
    var packages = folder.Combine("feed");
    var tools = folder.Combine("tools");
    if (FileExists(tools.CombineWithFilePath("dotnet-boundary")))
    {
        Information($"The tool for the tests is already packed and installed: {tools} (version {version}).");
    }
    else
    {
        CleanDirectory(artifacts.Combine("test-tool"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var code = StartProcess("bash", new ProcessSettings { Arguments = $"eng/pack-tool.sh \"{packages}\" {version}", WorkingDirectory = root });
        if (code != 0) throw new Exception("eng/pack-tool.sh failed");
        code = StartProcess("dotnet", new ProcessSettings { Arguments = $"tool install Boundary.Plugin --version {version} --add-source \"{packages}\" --tool-path \"{tools}\"", WorkingDirectory = folder });
        if (code != 0) throw new Exception("dotnet tool install (the tool for the tests) failed");
        Information($"Packed and installed the tool for the tests in {clock.Elapsed.TotalSeconds:0} s: {tools} (version {version}).");
    }
    testEnvironment["BOUNDARY_TOOL_PATH"] = tools.FullPath;
    testEnvironment["BOUNDARY_TOOL_FEED"] = packages.FullPath;
    testEnvironment["BOUNDARY_TOOL_VERSION"] = version;
});

// The suites' prerequisites, installed when missing and possible (each installer is idempotent and pinned):
// moto_server, cfn-lint and the aws CLI into a Python virtual environment (where PyPI can be reached), the
// Amplify CLI with npm, both in ~/.cache/boundary. When one cannot be installed, the suites that need it are skipped with the reason,
// unless CI requires them (.ci/run).
Task("TestPrerequisites").Does(() =>
{
    var python = StartProcess("bash", new ProcessSettings { Arguments = "eng/install-python-tools.sh", WorkingDirectory = root, RedirectStandardOutput = true }, out var pythonOutput);
    var pythonBin = pythonOutput.LastOrDefault() ?? "";
    if (python != 0)
        Warning("eng/install-python-tools.sh failed (see above): the suites that need moto, cfn-lint or the aws CLI are skipped unless CI requires them.");
    else if (pythonBin.Length > 0)
        testEnvironment["PATH"] = pythonBin + System.IO.Path.PathSeparator + EnvironmentVariable("PATH");

    var script = root.CombineWithFilePath("Boundary.Plugin.Tests/Host/scripts/install-host.sh");
    if (OnPath("npm") is null)
    {
        Warning("npm is not on PATH: the real Amplify CLI cannot be installed, and the Host tests are skipped unless it is already cached (or CI requires them).");
        return;
    }
    var host = StartProcess("bash", new ProcessSettings { Arguments = $"\"{script}\"", WorkingDirectory = root, RedirectStandardOutput = true }, out _);
    if (host != 0)
        Warning("install-host.sh failed (see above): the Host tests are skipped unless CI requires them.");
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
// empty console app, the heavy project of ../shared/bench against the floor program and the host's own
// modifier (docs/performance.md), audit against moto with 5,000 roles and an organisation of 50 accounts.
// Figures go to artifacts/bench/*.json.
Task("Bench").IsDependentOn("Pack").Does(() =>
{
    var output = artifacts.Combine("bench");
    // heavy-bench.sh: the floor, the host's modifier, memory, read-only paths and start-up, each goal a ratio.
    foreach (var script in new[] { "bench/run.sh", "bench/heavy-bench.sh", "bench/audit-bench.sh", "bench/org-bench.sh" })
    {
        var code = StartProcess("bash", new ProcessSettings { Arguments = $"{script} \"{feed}\" \"{output}\"", WorkingDirectory = root });
        if (code != 0) throw new Exception($"{script} failed");
    }
});

// Runs the tests with a trx log and closes with one plain line that any CI reads. It counts each result of
// the trx: NUnit's adapter writes a skipped test (Assert.Ignore, [Ignore], Assert.Inconclusive, a fixture
// whose OneTimeSetUp ignored it, an explicit test) as outcome "NotExecuted" and leaves the trx's own
// "notExecuted" counter at 0, so the counters are not to be trusted.
void RunTests(string? filter, IDictionary<string, string> environment)
{
    var results = artifacts.Combine("test-results");
    CleanDirectory(results);
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Loggers = { "trx;LogFileName=tests.trx", "console;verbosity=normal" },
        ResultsDirectory = results,
        Filter = filter,
        EnvironmentVariables = environment,
    };
    var clock = System.Diagnostics.Stopwatch.StartNew();
    Exception? failure = null;
    try { DotNetTest(solution.FullPath, settings); }
    catch (Exception e) { failure = e; }
    var trx = GetFiles(results + "/**/*.trx").FirstOrDefault();
    if (trx is null)
        throw new Exception("The test run wrote no results (artifacts/test-results/*.trx): it did not start or it crashed; see above.", failure);
    var document = XDocument.Load(trx.FullPath);
    var outcomes = document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult").ToList();
    var defined = document.Descendants().Count(e => e.Name.LocalName == "UnitTest");
    var passed = outcomes.Count(r => (string?)r.Attribute("outcome") == "Passed");
    var failed = outcomes.Count(r => (string?)r.Attribute("outcome") is "Failed" or "Error" or "Timeout" or "Aborted");
    // Every other result, and every test that got no result at all (a run that stopped), did not run.
    var skipped = outcomes.Count - passed - failed + Math.Max(0, defined - outcomes.Count);
    var reasons = outcomes
        .Where(r => (string?)r.Attribute("outcome") is not ("Passed" or "Failed" or "Error" or "Timeout" or "Aborted"))
        .GroupBy(r => FirstLine(r.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "(no reason given)"))
        .OrderByDescending(g => g.Count());
    foreach (var reason in reasons)
        Console.WriteLine($"skipped {reason.Count()}: {reason.Key}");
    Console.WriteLine($"Test run took {clock.Elapsed.TotalMinutes:0.0} min.");
    Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (failure is not null) throw failure;
}

static string FirstLine(string text)
{
    var line = text.Trim().Split('\n')[0].Trim();
    return line.Length <= 240 ? line : line[..240] + "...";
}

// The SHA-256 of everything the packed tool is made from: its project folder (without bin/ and obj/), the
// shared build properties and the pack script. (The README, packed as the package's readme, changes no
// behaviour and is left out, so that editing it does not cost a pack.)
string PackInputsHash()
{
    var inputs = GetFiles(root + "/Boundary.Plugin/**/*")
        .Where(f => !Regex.IsMatch(root.GetRelativePath(f).FullPath, @"(^|/)(bin|obj)/"))
        .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "eng/pack-tool.sh", ".config/dotnet-tools.json" }.Select(p => root.CombineWithFilePath(p)).Where(f => FileExists(f)))
        .Select(f => root.GetRelativePath(f).FullPath)
        .Distinct()
        .OrderBy(p => p, StringComparer.Ordinal);
    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    foreach (var path in inputs)
    {
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(path + "\0"));
        sha.AppendData(System.IO.File.ReadAllBytes(root.CombineWithFilePath(path).FullPath));
    }
    return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
}

string? OnPath(string program) =>
    (EnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
        .Where(d => d.Length > 0)
        .Select(d => System.IO.Path.Combine(d, program))
        .FirstOrDefault(System.IO.File.Exists);

string GlobalTool()
{
    var home = EnvironmentVariable("DOTNET_CLI_HOME") ?? EnvironmentVariable("HOME") ?? "/root";
    return System.IO.Path.Combine(home, ".dotnet", "tools", "dotnet-boundary");
}

RunTarget(target);
