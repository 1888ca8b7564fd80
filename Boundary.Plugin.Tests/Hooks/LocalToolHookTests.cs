using System.Diagnostics;
using Boundary.Tests.Support;
using static Boundary.Tests.Hooks.HookTestSupport;

namespace Boundary.Tests.Hooks;

/// <summary>
/// The hook in a fresh clone whose tool comes from a local manifest (a CI runner, an Amplify Hosting
/// build): the real dotnet, the packed packages as the repository's feed (named in its nuget.config), and
/// a home folder in which nobody has run 'dotnet tool restore'.
/// </summary>
[Category("EndToEnd")]
[Platform(Exclude = "Win", Reason = "bash hooks")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class LocalToolHookTests
{
    private TempProject project = null!;
    private string homes = null!;

    [SetUp]
    public void SetUp()
    {
        project = TempProject.FromFixture("multi-env");
        homes = Directory.CreateTempSubdirectory("boundary-local-tool-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        project.Dispose();
        Directory.Delete(homes, recursive: true);
    }

    private static string DotnetFolder
    {
        get
        {
            var dotnet = new FileInfo(Boundary.HookSetup.ToolLocator.FindOnPath("dotnet", Environment.GetEnvironmentVariable("PATH") ?? "") ?? throw new InvalidOperationException("dotnet is not on PATH"));
            return Path.GetDirectoryName(dotnet.LinkTarget is null ? dotnet.FullName : dotnet.ResolveLinkTarget(true)!.FullName)!;
        }
    }

    /// <summary>Runs a program with only PATH (dotnet's folder and the system's) and HOME set.</summary>
    private CliResult Run(string home, string file, string[] args, string stdin = "")
    {
        Directory.CreateDirectory(home);
        var start = new ProcessStartInfo(file) { WorkingDirectory = project.Root };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Clear();
        start.Environment["PATH"] = $"{DotnetFolder}:/usr/bin:/bin";
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return ProcessRunner.Run(start, stdin, TimeSpan.FromMinutes(4));
    }

    [Test]
    public void A_fresh_clone_with_a_local_manifest_restores_the_tool_in_the_hook_and_bounds_the_push()
    {
        var feed = PackedTool.Feed;
        // What the repository holds: a nuget.config naming its feed, and the manifest 'dotnet tool install --local' wrote.
        project.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="boundary" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        var developer = Path.Combine(homes, "developer");
        Run(developer, "dotnet", ["new", "tool-manifest"]).ExitCode.Should().Be(0);
        var install = Run(developer, "dotnet", ["tool", "install", "--local", "Boundary.Plugin", "--version", feed.Version]);
        install.ExitCode.Should().Be(0, install.ToString());
        CliRunner.Run(project.Root, "hook", "install").ExitCode.Should().Be(0);

        // The build machine: a home folder without any restored tool.
        var builder = Path.Combine(homes, "builder");
        var pre = Run(builder, "/bin/bash", [project.PathOf("amplify/hooks/pre-push.sh")], Payload(project.Root));

        pre.ExitCode.Should().Be(0, pre.ToString());
        // 'dotnet new tool-manifest' writes dotnet-tools.json (SDK 10) or .config/dotnet-tools.json (earlier SDKs).
        var manifest = new[] { "dotnet-tools.json", ".config/dotnet-tools.json" }.Select(project.PathOf).Single(File.Exists);
        pre.StdErr.Should().Contain($"the local tool in {manifest} is not restored: running 'dotnet tool restore' in {project.Root}.");
        pre.StdOut.Should().Contain("7 injected, 2 kept");
        project.Read(FnA).Should().Contain(DevArn);

        // Restored once: the post-push hook runs the tool straight away.
        var post = Run(builder, "/bin/bash", [project.PathOf("amplify/hooks/post-push.sh")], Payload(project.Root));

        post.ExitCode.Should().Be(0, post.ToString());
        post.StdErr.Should().NotContain("not restored");
        project.Read(FnA).Should().NotContain(DevArn);
    }
}
