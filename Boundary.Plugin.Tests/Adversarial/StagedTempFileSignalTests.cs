using System.Diagnostics;
using Boundary.Tests.Support;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A run stopped by SIGTERM (a CI job cancelled, a container stopped) or Ctrl+C while it is still reading
/// templates: it has replaced nothing, and must leave nothing behind either. Since templates are staged
/// as they are read, the temp files staged so far are beside the user's templates for the whole scan,
/// and <c>inject</c> (no project, so no later run sweeps them) leaves them for good. (Runs that wrote
/// only after the scan had the same gap, but only for the moment of their renames.)
/// </summary>
[Category("EndToEnd")]
public class StagedTempFileSignalTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/B";

    [TestCase("TERM")]
    [TestCase("INT")]
    public void Inject_stopped_by_a_signal_while_reading_templates_leaves_no_temp_file(string signal)
    {
        var folder = Directory.CreateTempSubdirectory("boundary-sigterm-").FullName;
        try
        {
            // Enough large templates that the scan lasts well after the first one is staged.
            var others = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"B{i}\":{{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{{\"X\":{{\"Y\":[1,2,3]}}}}}}"));
            var template = $"{{\"Resources\":{{{others},\"R\":{{\"Type\":\"AWS::IAM::Role\",\"Properties\":{{\"AssumeRolePolicyDocument\":{{}}}}}}}}}}";
            for (var i = 0; i < 600; i++)
                File.WriteAllText(Path.Combine(folder, $"t{i:D3}.json"), template);
            var originals = Directory.GetFiles(folder).ToDictionary(f => f, File.ReadAllBytes);

            using var tool = Process.Start(PackedTool.StartInfo(folder, ["inject", "--arn", Arn, "."]))!;
            tool.StandardInput.Close();
            var stdout = tool.StandardOutput.ReadToEndAsync();
            var stderr = tool.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!tool.HasExited && !Directory.EnumerateFiles(folder, "*.tmp").Any() && clock.Elapsed < TimeSpan.FromSeconds(60))
                Thread.Sleep(5);
            if (tool.HasExited)
                Assert.Ignore("The run ended before a template was staged; nothing to stop part way.");
            Signal(tool, signal);
            tool.WaitForExit();
            _ = stdout.Result + stderr.Result;

            var left = Directory.EnumerateFiles(folder, "*.tmp").Select(Path.GetFileName).ToList();
            left.Should().BeEmpty("a stopped run leaves no temp file beside the templates");
            if (Directory.GetFiles(folder).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).All(f => originals[f].SequenceEqual(File.ReadAllBytes(f))))
                return;
            Assert.Fail("a run stopped while reading must not have replaced any template");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What a CI runner or container stop sends (SIGTERM), or Ctrl+C (SIGINT).</summary>
    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
