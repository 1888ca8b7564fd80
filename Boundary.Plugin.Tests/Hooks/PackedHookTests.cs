using System.Diagnostics;
using Boundary.Core;
using Boundary.Tests.Support;
using Boundary.Tests.Templates;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Hooks;

/// <summary>The packed tool as a subprocess: install the hooks, then run them as the host would, with the real tool on PATH.</summary>
[Platform(Exclude = "Win", Reason = "bash hooks")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Category("EndToEnd")]
public class PackedHookTests
{
    private const string Payload = "{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"dev\",\"projectPath\":\"/p\",\"defaultEditor\":\"code\"},\"command\":\"push\",\"argv\":[\"/usr/bin/node\",\"/usr/bin/amplify\",\"push\",\"--yes\"],\"version\":\"14.2.2\"}}}";

    private static string BarePath
    {
        get
        {
            // The packed tool's folder, the folder of the dotnet that runs it, and the basic system folders: nothing else.
            var dotnet = new FileInfo(ToolLocatorPath("dotnet"));
            var real = dotnet.LinkTarget is null ? dotnet.FullName : dotnet.ResolveLinkTarget(true)!.FullName;
            return string.Join(':', Path.GetDirectoryName(PackedTool.Path), Path.GetDirectoryName(real), "/usr/bin", "/bin");
        }
    }

    private static string ToolLocatorPath(string program) =>
        Boundary.HookSetup.ToolLocator.FindOnPath(program, Environment.GetEnvironmentVariable("PATH") ?? "") ?? throw new InvalidOperationException($"{program} is not on PATH");

    private static CliResult Bash(string workingDirectory, string script, string stdin)
    {
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(script);
        start.Environment.Clear();
        start.Environment["PATH"] = BarePath;
        return ProcessRunner.Run(start, stdin, TimeSpan.FromMinutes(2));
    }

    [Test]
    public void The_installed_pre_push_hook_runs_the_packed_tool_under_a_bare_environment()
    {
        using var project = TempProject.Minimal();
        var env = new Dictionary<string, string?> { ["PATH"] = BarePath };
        var install = PackedTool.Run(project.Root, ["hook", "install"], environment: env, bareEnvironment: true);
        install.ExitCode.Should().Be(0, install.ToString());
        install.StdErr.Should().NotContain("cannot find the tool");

        var status = JObject.Parse(PackedTool.Run(project.Root, ["hook", "status", "--json"], environment: env, bareEnvironment: true).StdOut);
        status["hooks"]!.Select(h => h["state"]!.ToString()).Should().Equal("installed-file", "installed-file");
        status["tool"]!["found"]!.Value<bool>().Should().BeTrue();

        // Whatever 'hook pre-push' does on this branch (or after the merge), the hook must give the same result
        // as calling the tool directly: the same exit code, and never the "not installed" message.
        var direct = PackedTool.Run(project.Root, ["hook", "pre-push"], Payload, env, bareEnvironment: true);
        var hook = Bash(project.Root, project.PathOf("amplify/hooks/pre-push.sh"), Payload);
        hook.StdErr.Should().NotContain("the tool is not installed");
        hook.ExitCode.Should().Be(direct.ExitCode, $"hook:\n{hook}\ndirect:\n{direct}");
    }

    [Test]
    public void The_hook_reaches_the_packed_tool_through_BOUNDARY_HOOK_TOOL_and_forwards_its_exit_code()
    {
        using var project = TempProject.Minimal();
        PackedTool.Run(project.Root, ["hook", "install"], bareEnvironment: true).ExitCode.Should().Be(0);
        // A wrapper that shows the hook found and ran the real tool: it runs '--version' instead of 'hook pre-push'.
        var wrapper = project.PathOf("wrapper.sh");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{PackedTool.Path}' --version\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = project.Root };
        start.ArgumentList.Add(project.PathOf("amplify/hooks/pre-push.sh"));
        start.Environment.Clear();
        start.Environment["PATH"] = BarePath;
        start.Environment["BOUNDARY_HOOK_TOOL"] = wrapper;
        var result = ProcessRunner.Run(start, Payload, TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.ToString());
        result.StdOut.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Test]
    public void Packed_verify_writes_sarif_and_exits_1_on_a_missing_boundary()
    {
        using var project = TempProject.Minimal("{\n  \"dev\": {\n    \"awscloudformation\": {\n      \"PermissionsBoundaryPolicyArn\": \"arn:aws:iam::123456789012:policy/B\"\n    }\n  }\n}");
        project.Write("amplify/backend/function/f/f-cloudformation-template.json", "{\n  \"Resources\": {\n    \"LambdaExecutionRole\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {}\n    }\n  }\n}");
        var result = PackedTool.Run(project.Root, ["verify", "--format", "sarif"], bareEnvironment: true);
        result.ExitCode.Should().Be(ExitCodes.Findings, result.ToString());
        var log = JObject.Parse(result.StdOut);
        SarifShape.Check(log);
        log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.ToString()
            .Should().Be("amplify/backend/function/f/f-cloudformation-template.json");
    }
}
