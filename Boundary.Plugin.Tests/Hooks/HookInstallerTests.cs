using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.HookSetup;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Hooks;

[Platform(Exclude = "Win", Reason = "Unix file modes and bash")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Category("Unit")]
public class HookInstallerTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = new();

    private static CliResult Run(TempProject project, params string[] args) => CliRunner.Run(project.Root, "", NoEnvironment, args);

    private static CliResult Run(TempProject project, Dictionary<string, string?> environment, params string[] args) =>
        CliRunner.Run(project.Root, "", environment, args);

    [Test]
    public void Install_writes_both_hooks_executable_with_LF_endings_and_twice_changes_nothing()
    {
        using var project = TempProject.Minimal();
        var first = Run(project, "hook", "install");
        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        first.StdOut.Should().Contain("created amplify/hooks/pre-push.sh").And.Contain("created amplify/hooks/post-push.sh");
        foreach (var hook in new[] { "pre-push", "post-push" })
        {
            var path = project.PathOf($"amplify/hooks/{hook}.sh");
            var text = File.ReadAllText(path);
            text.Should().StartWith("#!/usr/bin/env bash\n").And.Contain($"hook {hook}").And.NotContain("\r");
            text.Should().Be(HookScripts.File(hook));
            File.GetUnixFileMode(path).Should().HaveFlag(UnixFileMode.UserExecute);
        }
        var before = project.Snapshot();

        var second = Run(project, "hook", "install");
        second.ExitCode.Should().Be(ExitCodes.Success, second.ToString());
        second.StdOut.Should().Contain("already installed");
        project.Snapshot().Should().BeEquivalentTo(before);
    }

    [Test]
    public void Uninstall_removes_the_files_it_wrote_and_then_has_nothing_to_remove()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/README.md", "# Command Hooks\n");
        var before = project.Snapshot();
        Run(project, "hook", "install").ExitCode.Should().Be(0);

        var result = Run(project, "hook", "uninstall");
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Should().Contain("pre-push: removed amplify/hooks/pre-push.sh");
        project.Snapshot().Should().BeEquivalentTo(before);

        Run(project, "hook", "uninstall").StdOut.Should().Contain("pre-push: not installed; nothing to remove");
    }

    [TestCase("#!/bin/bash\nset -e\npayload=$(cat)\necho \"user hook: $payload\"\n")]
    [TestCase("echo no shebang\r\ncat > /dev/null\r\n")]
    [TestCase("#!/bin/sh")]
    [TestCase("")]
    public void A_users_sh_hook_gets_the_block_and_uninstall_restores_it_byte_for_byte(string user)
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/pre-push.sh", user);
        var original = project.ReadBytes("amplify/hooks/pre-push.sh");

        var install = Run(project, "hook", "install");
        install.ExitCode.Should().Be(0, install.ToString());
        install.StdOut.Should().Contain("pre-push: amplify/hooks/pre-push.sh: is your own hook");
        var text = project.Read("amplify/hooks/pre-push.sh");
        text.Should().Contain(HookScripts.Block("pre-push"));
        if (user.StartsWith("#!", StringComparison.Ordinal))
        {
            text.Should().StartWith(user.Split('\n')[0] + "\n# >>> dotnet-boundary >>>\n");
            install.StdOut.Should().Contain("(after its #! line)");
        }
        else
        {
            text.Should().StartWith("# >>> dotnet-boundary >>>\n").And.EndWith(user);
            install.StdOut.Should().Contain("(at its start: it has no #! line)");
        }

        Run(project, "hook", "install").StdOut.Should().Contain("already installed (block in your hook)");
        var status = JObject.Parse(Run(project, "hook", "status", "--json").StdOut);
        status["hooks"]![0]!["state"]!.ToString().Should().Be("installed-block");
        status["hooks"]![1]!["state"]!.ToString().Should().Be("installed-file");

        Run(project, "hook", "uninstall").ExitCode.Should().Be(0);
        var after = project.ReadBytes("amplify/hooks/pre-push.sh");
        if (user == "#!/bin/sh")
            Encoding.UTF8.GetString(after).Should().Be("#!/bin/sh\n"); // a newline had to be added after a last-line shebang
        else
            after.Should().Equal(original);
        File.Exists(project.PathOf("amplify/hooks/post-push.sh")).Should().BeFalse();
    }

    [Test]
    public void Non_UTF8_bytes_in_a_users_hook_survive_install_and_uninstall()
    {
        using var project = TempProject.Minimal();
        byte[] user = [.. "#!/bin/bash\necho "u8.ToArray(), 0xE9, 0xFF, 0x0A];
        project.WriteBytes("amplify/hooks/post-push.sh", user);
        Run(project, "hook", "install").ExitCode.Should().Be(0);
        Run(project, "hook", "uninstall").ExitCode.Should().Be(0);
        project.ReadBytes("amplify/hooks/post-push.sh").Should().Equal(user);
    }

    [Test]
    public void A_hook_file_the_user_extended_keeps_the_users_lines_on_uninstall()
    {
        using var project = TempProject.Minimal();
        Run(project, "hook", "install");
        File.AppendAllText(project.PathOf("amplify/hooks/pre-push.sh"), "echo mine\n");
        JObject.Parse(Run(project, "hook", "status", "--json").StdOut)["hooks"]![0]!["state"]!.ToString().Should().Be("installed-block");

        Run(project, "hook", "uninstall").StdOut.Should().Contain("pre-push: removed the dotnet-boundary block from amplify/hooks/pre-push.sh");
        project.Read("amplify/hooks/pre-push.sh").Should().Be("#!/usr/bin/env bash\necho mine\n");
    }

    [Test]
    public void A_changed_block_is_reported_modified_and_install_replaces_it()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/pre-push.sh", "#!/bin/bash\necho before\n");
        Run(project, "hook", "install");
        var path = project.PathOf("amplify/hooks/pre-push.sh");
        File.WriteAllText(path, File.ReadAllText(path).Replace("exit 127", "exit 0"));

        var status = Run(project, "hook", "status");
        status.StdOut.Should().MatchRegex(@"pre-push\s+modified\s+amplify/hooks/pre-push.sh");

        Run(project, "hook", "install").StdOut.Should().Contain("replaced the changed dotnet-boundary block");
        project.Read("amplify/hooks/pre-push.sh").Should().Be("#!/bin/bash\n" + HookScripts.Block("pre-push") + "echo before\n");
    }

    [Test]
    public void A_javascript_hook_gets_instructions_a_helper_and_a_non_zero_exit_then_is_recognised()
    {
        using var project = TempProject.Minimal();
        const string user = "const fs = require('fs');\nconsole.log('mine');\n";
        project.Write("amplify/hooks/pre-push.js", user);

        var install = Run(project, "hook", "install");
        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile, install.ToString());
        install.StdErr.Should().Contain("amplify/hooks/pre-push.js is your own hook").And.Contain(HookScripts.JavaScriptCall("pre-push"));
        // post-push waits for pre-push's call: a post-push alone would be harmless, but the pair goes in together.
        install.StdOut.Should().Contain("post-push: not written yet, since the pre-push hook does not call the tool yet");
        File.Exists(project.PathOf("amplify/hooks/post-push.sh")).Should().BeFalse();
        project.Read("amplify/hooks/pre-push.js").Should().Be(user);
        project.Read("amplify/hooks/dotnet-boundary/pre-push.sh").Should().Be(HookScripts.File("pre-push"));
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeFalse("the host refuses two pre-push files");
        JObject.Parse(Run(project, "hook", "status", "--json").StdOut)["hooks"]![0]!["state"]!.ToString().Should().Be("not-installed");

        project.Write("amplify/hooks/pre-push.js", HookScripts.JavaScriptCall("pre-push") + user);
        var again = Run(project, "hook", "install");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StdOut.Should().Contain("already installed (call in your hook)").And.Contain("post-push: created amplify/hooks/post-push.sh");
        Run(project, "hook", "status").StdOut.Should().Contain("installed (call in user hook)");

        Run(project, "hook", "uninstall").ExitCode.Should().Be(0);
        project.Read("amplify/hooks/pre-push.js").Should().Be(user);
        Directory.Exists(project.PathOf("amplify/hooks/dotnet-boundary")).Should().BeFalse();
    }

    // The harmful half: pre-push's edits with nothing to put them back until the user's post-push calls the tool.
    [Test]
    public void A_post_push_hook_in_another_language_holds_pre_push_until_it_calls_the_tool()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/post-push.js", "console.log('mine');\n");

        var install = Run(project, "hook", "install", "--json");

        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile, install.ToString());
        var hooks = JObject.Parse(install.StdOut)["hooks"]!;
        hooks[0]!["action"]!.ToString().Should().Be("held");
        hooks[1]!["action"]!.ToString().Should().Be("manual-step");
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeFalse("no pre-push runs without its post-push");
        project.Read("amplify/hooks/dotnet-boundary/post-push.sh").Should().Be(HookScripts.File("post-push"));
    }

    [Test]
    public void Extensions_count_as_hooks_only_when_hooks_config_declares_them()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/pre-push.py", "print('mine')\n");
        Run(project, "hook", "install").ExitCode.Should().Be(0);
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeTrue("pre-push.py is not a hook without hooks-config.json");
        Run(project, "hook", "uninstall");

        project.Write("amplify/hooks/hooks-config.json", "{ \"extensions\": { \"py\": { \"runtime\": \"python3\" } } }");
        var install = Run(project, "hook", "install");
        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile);
        install.StdErr.Should().Contain("bash amplify/hooks/dotnet-boundary/pre-push.sh").And.Contain(">>> dotnet-boundary >>>");
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeFalse();
    }

    [Test]
    public void Two_hooks_with_one_base_name_are_a_conflict()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/post-push.sh", "echo a\n");
        project.Write("amplify/hooks/post-push.js", "console.log('b')\n");
        var install = Run(project, "hook", "install", "--json");
        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile);
        var json = JObject.Parse(install.StdOut);
        json["ok"]!.Value<bool>().Should().BeFalse();
        json["hooks"]![1]!["action"]!.ToString().Should().Be("conflict");
        project.Read("amplify/hooks/post-push.sh").Should().Be("echo a\n");
        JObject.Parse(Run(project, "hook", "status", "--json").StdOut)["hooks"]![1]!["state"]!.ToString().Should().Be("conflict");
        // The pair is installed together or not at all: pre-push, which could be, is held.
        json["hooks"]![0]!["action"]!.ToString().Should().Be("held");
        json["hooks"]![0]!["filesWritten"]!.Should().BeEmpty();
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeFalse("no pre-push runs without its post-push");
    }

    // Found only when writing: each file is checked and staged before the first is replaced.
    [Test]
    public void A_hook_that_cannot_be_written_leaves_the_other_unwritten_too()
    {
        using var project = TempProject.Minimal();
        Directory.CreateDirectory(project.PathOf("amplify/hooks/post-push.sh"));

        var install = Run(project, "hook", "install", "--json");

        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile, install.ToString());
        JObject.Parse(install.StdOut)["ok"]!.Value<bool>().Should().BeFalse();
        install.StdErr.Should().Contain("post-push.sh");
        File.Exists(project.PathOf("amplify/hooks/pre-push.sh")).Should().BeFalse("no pre-push runs without its post-push");
        Directory.GetFiles(project.PathOf("amplify/hooks"), "*", SearchOption.AllDirectories).Should().BeEmpty("no temp file is left either");
    }

    [Test]
    public void A_hook_whose_replacement_fails_puts_back_the_hook_written_before_it()
    {
        using var project = TempProject.Minimal();
        const string user = "#!/bin/sh\necho mine \xff\n";
        project.WriteBytes("amplify/hooks/pre-push.sh", Encoding.Latin1.GetBytes(user));
        var before = project.Snapshot();
        var replaced = new List<string>();
        var installer = new HookInstaller(AmplifyProject.Locate(project.Root, project.Root))
        {
            // Once the first hook is replaced, a folder takes the second's place: its rename fails for real.
            BeforeReplace = path =>
            {
                if (replaced.Count == 1)
                    Directory.CreateDirectory(Path.Combine(path, "taken"));
                replaced.Add(path);
            },
        };

        var failure = FluentActions.Invoking(installer.Install).Should().Throw<BoundaryException>().Which;

        replaced.Should().HaveCount(2);
        failure.Message.Should().Contain("post-push.sh").And.Contain("put back as it was; no hook is installed");
        Directory.Delete(project.PathOf("amplify/hooks/post-push.sh"), recursive: true);
        project.Snapshot().Should().BeEquivalentTo(before, "the user's pre-push hook holds its own bytes again, and nothing else was left");
    }

    [Test]
    public void A_conflict_on_one_hook_writes_nothing_for_the_other()
    {
        using var project = TempProject.Minimal();
        project.Write("amplify/hooks/pre-push.sh", "#!/bin/bash\necho mine\n");
        project.Write("amplify/hooks/pre-push.js", "console.log('b')\n");
        var before = Directory.GetFiles(project.PathOf("amplify/hooks")).Order().ToList();

        var install = Run(project, "hook", "install");

        install.ExitCode.Should().Be(ExitCodes.ProjectOrFile, install.ToString());
        install.StdErr.Should().Contain("pre-push: ").And.Contain("share the base name");
        install.StdOut.Should().Contain("post-push: not written, since the pre-push hook cannot be installed");
        Directory.GetFiles(project.PathOf("amplify/hooks")).Order().Should().Equal(before);
        project.Read("amplify/hooks/pre-push.sh").Should().Be("#!/bin/bash\necho mine\n");
    }

    [Test]
    public void Status_reports_states_the_scripting_switch_and_the_tool()
    {
        using var project = TempProject.Minimal();
        var status = Run(project, new Dictionary<string, string?> { ["PATH"] = "/nonexistent" }, "hook", "status");
        status.ExitCode.Should().Be(0);
        status.StdOut.Should().MatchRegex(@"pre-push\s+not installed").And.Contain("tool: not found")
            .And.Contain("AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES: not set");

        var bin = project.PathOf("bin");
        Directory.CreateDirectory(bin);
        var tool = Path.Combine(bin, "dotnet-boundary");
        File.WriteAllText(tool, "#!/bin/sh\n");
        File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_101);
        var json = JObject.Parse(Run(project, new Dictionary<string, string?> { ["PATH"] = bin, ["AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES"] = "true" },
            "hook", "status", "--json").StdOut);
        json["scriptingDisabled"]!.Value<bool>().Should().BeTrue();
        json["tool"]!["found"]!.Value<bool>().Should().BeTrue();
        json["tool"]!["command"]!.ToString().Should().Be(tool);

        var install = Run(project, new Dictionary<string, string?> { ["AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES"] = "1" }, "hook", "install");
        install.StdErr.Should().Contain("AMPLIFY_CLI_DISABLE_SCRIPTING_FEATURES is set").And.Contain("cannot find the tool");
    }

    [Test]
    public void The_tool_is_found_in_home_dotnet_tools_and_through_a_local_manifest()
    {
        using var project = TempProject.Minimal();
        var home = project.PathOf("home");
        var tools = Path.Combine(home, ".dotnet", "tools");
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, "dotnet-boundary"), "");
        File.SetUnixFileMode(Path.Combine(tools, "dotnet-boundary"), (UnixFileMode)0b111_101_101);
        ToolLocator.Resolve(project.Root, n => n == "HOME" ? home : null).Via.Should().Contain(".dotnet/tools");

        var bin = project.PathOf("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "dotnet"), "");
        File.SetUnixFileMode(Path.Combine(bin, "dotnet"), (UnixFileMode)0b111_101_101);
        project.Write(".config/dotnet-tools.json", "{ \"version\": 1, \"isRoot\": true, \"tools\": { \"boundary.plugin\": { \"version\": \"0.1.0\", \"commands\": [ \"dotnet-boundary\" ] } } }");
        var local = ToolLocator.Resolve(project.Root, n => n == "PATH" ? bin : null);
        local.Found.Should().BeTrue();
        local.Command.Should().Be("dotnet tool run dotnet-boundary");
    }

    [TestCase("install")]
    [TestCase("uninstall")]
    [TestCase("status")]
    public void Each_command_has_help(string command)
    {
        using var project = TempProject.Minimal();
        var help = Run(project, "hook", command, "--help");
        help.ExitCode.Should().Be(0);
        help.StdOut.Should().Contain($"Usage: dotnet-boundary hook {command}").And.Contain("--json").And.Contain("--project-dir");
    }

    [Test]
    public void Outside_a_project_the_commands_say_so()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-noproject").FullName;
        try
        {
            var result = CliRunner.Run(folder, "", NoEnvironment, "hook", "install");
            result.ExitCode.Should().Be(ExitCodes.ProjectOrFile);
            result.StdErr.Should().Contain("No Amplify project found");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
