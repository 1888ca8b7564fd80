using System.Diagnostics;
using Boundary.Core;
using Boundary.HookSetup;
using Boundary.Tests.Support;

namespace Boundary.Tests.Hooks;

/// <summary>
/// The installed scripts run with bash as the host runs them: project root as working folder, the payload
/// on stdin, a bare environment (no HOME, no DOTNET_*). A fake dotnet-boundary records what it got.
/// </summary>
[Platform(Exclude = "Win", Reason = "Unix file modes and bash")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Category("Unit")]
public class HookScriptTests
{
    private const string Payload = "{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"dev\"},\"command\":\"push\",\"argv\":[\"node\",\"amplify\",\"push\"]}}}";

    private TempProject project = null!;
    private string bin = null!;

    [SetUp]
    public void SetUp()
    {
        project = TempProject.Minimal();
        bin = project.PathOf("fakebin");
        Directory.CreateDirectory(bin);
    }

    [TearDown]
    public void TearDown() => project.Dispose();

    /// <summary>A fake tool that writes its arguments, stdin and some environment to a log, then exits with <paramref name="exitCode"/>.</summary>
    private string FakeTool(string folder, string name = "dotnet-boundary", int exitCode = 0)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var log = project.PathOf("tool.log");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            {
              echo "args: $*"
              echo "stdin: $(cat)"
              echo "HOME=${HOME-unset} DOTNET_CLI_HOME=${DOTNET_CLI_HOME-unset} DOTNET_NOLOGO=${DOTNET_NOLOGO-unset} DOTNET_SKIP_FIRST_TIME_EXPERIENCE=${DOTNET_SKIP_FIRST_TIME_EXPERIENCE-unset}"
            } >> '{{log}}'
            echo "fake tool ran"
            exit {{exitCode}}

            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private string Log => File.Exists(project.PathOf("tool.log")) ? project.Read("tool.log") : "";

    /// <summary>Runs a hook file like the host: bash, project root, stdin payload, only the given variables.</summary>
    private CliResult RunHook(string file, string path, Dictionary<string, string>? extra = null, string stdin = Payload)
    {
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = project.Root };
        start.ArgumentList.Add(project.PathOf(file));
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        foreach (var (key, value) in extra ?? [])
            start.Environment[key] = value;
        return ProcessRunner.Run(start, stdin, TimeSpan.FromMinutes(1));
    }

    private void Install(string hook = "pre-push") => project.Write($"amplify/hooks/{hook}.sh", HookScripts.File(hook));

    [Test]
    public void A_global_tool_on_PATH_gets_the_payload_and_its_exit_code_is_the_hooks()
    {
        Install();
        FakeTool(bin, exitCode: 7);
        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:/usr/bin:/bin");
        result.ExitCode.Should().Be(7, result.ToString());
        result.StdOut.Should().Contain("fake tool ran");
        Log.Should().Contain("args: hook pre-push").And.Contain("stdin: " + Payload);
        Log.Should().Contain("HOME=unset").And.Contain("DOTNET_NOLOGO=1").And.Contain("DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1").And.NotContain("DOTNET_CLI_HOME=unset");
        File.Exists(project.PathOf("tool.log")).Should().BeTrue();
    }

    [Test]
    public void Post_push_calls_hook_post_push_and_success_is_zero()
    {
        Install("post-push");
        FakeTool(bin);
        var result = RunHook("amplify/hooks/post-push.sh", $"{bin}:/usr/bin:/bin");
        result.ExitCode.Should().Be(0, result.ToString());
        Log.Should().Contain("args: hook post-push");
    }

    [Test]
    public void Without_the_tool_the_hook_fails_and_says_how_to_install_it()
    {
        Install();
        var result = RunHook("amplify/hooks/pre-push.sh", "/usr/bin:/bin", new() { ["HOME"] = project.PathOf("emptyhome") });
        result.ExitCode.Should().NotBe(0);
        result.StdErr.Should().Contain("dotnet tool install --global Boundary.Plugin").And.Contain("stops the push").And.Contain("hook uninstall");
    }

    [Test]
    public void The_tool_is_found_in_HOME_dotnet_tools_when_not_on_PATH()
    {
        Install();
        var home = project.PathOf("home");
        FakeTool(Path.Combine(home, ".dotnet", "tools"));
        var result = RunHook("amplify/hooks/pre-push.sh", "/usr/bin:/bin", new() { ["HOME"] = home });
        result.ExitCode.Should().Be(0, result.ToString());
        Log.Should().Contain("args: hook pre-push").And.Contain($"DOTNET_CLI_HOME={home}");
    }

    [Test]
    public void A_local_tool_listed_in_the_manifest_runs_through_dotnet_tool_run()
    {
        Install();
        FakeTool(bin, name: "dotnet");
        FakeTool(project.PathOf("globalbin"), exitCode: 9); // a global one too: the manifest wins
        project.Write(".config/dotnet-tools.json", "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {\n    \"boundary.plugin\": {\n      \"version\": \"0.1.0\",\n      \"commands\": [\"dotnet-boundary\"]\n    }\n  }\n}");
        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:{project.PathOf("globalbin")}:/usr/bin:/bin");
        result.ExitCode.Should().Be(0, result.ToString());
        Log.Should().Contain("args: tool run dotnet-boundary hook pre-push").And.Contain("stdin: " + Payload);
    }

    /// <summary>
    /// A fake dotnet with a local tool cache: 'tool run dotnet-boundary' fails as the real one does until
    /// 'tool restore' has run (or when <paramref name="restored"/>); 'tool restore' exits <paramref name="restoreExitCode"/>.
    /// Every call goes to the log with its working folder.
    /// </summary>
    private void FakeDotnetWithLocalTools(bool restored, int restoreExitCode = 0)
    {
        var marker = project.PathOf("restored.marker");
        if (restored)
            File.WriteAllText(marker, "");
        var path = Path.Combine(bin, "dotnet");
        var log = project.PathOf("tool.log");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            echo "args: $* (in $PWD)" >> '{{log}}'
            if [ "$1 $2" = "tool restore" ]; then
              [ {{restoreExitCode}} -eq 0 ] && : > '{{marker}}'
              echo "restore output"
              exit {{restoreExitCode}}
            fi
            if [ "$1 $2 $3" = "tool run dotnet-boundary" ]; then
              if [ ! -f '{{marker}}' ]; then
                echo 'Run "dotnet tool restore" to make the "dotnet-boundary" command available.' >&2
                exit 1
              fi
              echo "stdin: $(cat)" >> '{{log}}'
              echo "fake tool ran"
              exit 0
            fi
            exit 99

            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        project.Write(".config/dotnet-tools.json", "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {\n    \"boundary.plugin\": {\n      \"version\": \"0.1.0\",\n      \"commands\": [\"dotnet-boundary\"]\n    }\n  }\n}");
    }

    [Test]
    public void A_local_tool_that_was_restored_runs_without_a_restore()
    {
        Install();
        FakeDotnetWithLocalTools(restored: true);
        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:/usr/bin:/bin");
        result.ExitCode.Should().Be(0, result.ToString());
        Log.Should().Contain("args: tool run dotnet-boundary hook pre-push").And.Contain("stdin: " + Payload).And.NotContain("tool restore");
        result.StdErr.Should().NotContain("not restored");
    }

    [Test]
    public void A_local_tool_never_restored_is_restored_in_the_manifests_folder_then_run_with_the_payload()
    {
        // The manifest sits above the project root, as in a repository whose Amplify project is a sub-folder.
        var repository = project.Root;
        var app = project.PathOf("apps/web");
        TempProject.CopyDirectory(project.PathOf("amplify"), Path.Combine(app, "amplify"));
        project.Write("apps/web/amplify/hooks/pre-push.sh", HookScripts.File("pre-push"));
        FakeDotnetWithLocalTools(restored: false);

        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = app };
        start.ArgumentList.Add(Path.Combine(app, "amplify/hooks/pre-push.sh"));
        start.Environment.Clear();
        start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        var result = ProcessRunner.Run(start, Payload, TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdErr.Should().Contain($"the local tool in {repository}/.config/dotnet-tools.json is not restored: running 'dotnet tool restore' in {repository}.");
        result.StdErr.Should().Contain("restore output", "the restore's own output goes to stderr, where the host shows it");
        result.StdOut.Should().Be("fake tool ran\n");
        Log.Should().Contain($"args: tool restore (in {repository})");
        Log.IndexOf("tool restore", StringComparison.Ordinal).Should().BeLessThan(Log.IndexOf("hook pre-push", StringComparison.Ordinal));
        Log.Should().Contain("stdin: " + Payload);
    }

    [Test]
    public void A_local_tool_that_cannot_be_restored_fails_the_hook_and_says_what_to_run()
    {
        Install();
        FakeDotnetWithLocalTools(restored: false, restoreExitCode: 1);
        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:/usr/bin:/bin");
        result.ExitCode.Should().Be(127, result.ToString());
        result.StdErr.Should().Contain($"'dotnet tool restore' failed (above). Run it yourself in {project.Root}").And.Contain("stops the push");
        Log.Should().NotContain("hook pre-push");
    }

    [Test]
    public void BOUNDARY_HOOK_TOOL_overrides_the_search()
    {
        Install();
        var tool = FakeTool(project.PathOf("elsewhere"), exitCode: 5);
        var result = RunHook("amplify/hooks/pre-push.sh", "/usr/bin:/bin", new() { [HookScripts.ToolVariable] = tool });
        result.ExitCode.Should().Be(5);
        Log.Should().Contain("args: hook pre-push");
    }

    [Test]
    public void In_a_users_hook_the_block_and_the_users_code_both_get_the_whole_stdin()
    {
        project.Write("amplify/hooks/pre-push.sh", "#!/bin/bash\nset -u\nuser_input=$(cat)\necho \"user got: $user_input\"\necho \"vars: ${__dotnet_boundary_in-none} ${DOTNET_NOLOGO-none}\"\n");
        CliRunner.Run(project.Root, "hook", "install").ExitCode.Should().Be(0);
        FakeTool(bin);

        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:/usr/bin:/bin", stdin: Payload + "\n");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("fake tool ran").And.Contain("user got: " + Payload).And.Contain("vars: none none");
        Log.Should().Contain("stdin: " + Payload);
    }

    [Test]
    public void In_a_users_hook_a_failing_tool_stops_before_the_users_code()
    {
        project.Write("amplify/hooks/pre-push.sh", "#!/bin/bash\necho user code ran\n");
        CliRunner.Run(project.Root, "hook", "install").ExitCode.Should().Be(0);
        FakeTool(bin, exitCode: 3);
        var result = RunHook("amplify/hooks/pre-push.sh", $"{bin}:/usr/bin:/bin");
        result.ExitCode.Should().Be(3);
        result.StdOut.Should().NotContain("user code ran");
    }

    [Test]
    public void The_javascript_snippet_runs_the_helper_with_the_payload()
    {
        var node = ToolLocator.FindOnPath("node", Environment.GetEnvironmentVariable("PATH") ?? "");
        if (node is null)
            Assert.Ignore("node is not installed here");
        const string user = "process.stdout.write('user got: ' + boundaryHookInput.toString() + '\\n');\n";
        project.Write("amplify/hooks/pre-push.js", user);
        CliRunner.Run(project.Root, "hook", "install").ExitCode.Should().Be(Boundary.Core.ExitCodes.ProjectOrFile);
        project.Write("amplify/hooks/pre-push.js", HookScripts.JavaScriptCall("pre-push") + user);
        FakeTool(bin, exitCode: 0);

        var start = new ProcessStartInfo(node) { WorkingDirectory = project.Root };
        start.ArgumentList.Add(project.PathOf("amplify/hooks/pre-push.js"));
        start.Environment.Clear();
        start.Environment["PATH"] = $"{bin}:{Path.GetDirectoryName(node)}:/usr/bin:/bin";
        var result = ProcessRunner.Run(start, Payload, TimeSpan.FromMinutes(1));
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("user got: " + Payload);
        Log.Should().Contain("args: hook pre-push").And.Contain("stdin: " + Payload);
    }
}
