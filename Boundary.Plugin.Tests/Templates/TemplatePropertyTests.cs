using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;
using YamlScalars = Boundary.Yaml.YamlScalars;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using Boundary.Verify;

namespace Boundary.Tests.Templates;

/// <summary>
/// Random templates from fixed seeds (<see cref="TemplateGenerator"/>): (a) a standard reader (Newtonsoft,
/// YamlDotNet's representation model) sees the injected file as the input plus PermissionsBoundary on
/// exactly the roles that had none; (b) the inverse edits, and removing the added boundaries, give back
/// the input byte for byte. A failure prints its seed; BOUNDARY_PROPERTY_SEED=&lt;seed&gt; replays only that one
/// (a variable rather than an explicit test, so that no test is left permanently not run).
/// </summary>
[Category("Unit")]
public class TemplatePropertyTests
{
    /// <summary>300 per format; BOUNDARY_PROPERTY_CASES asks for more (a longer hunt).</summary>
    private static int CasesPerFormat => int.TryParse(Environment.GetEnvironmentVariable("BOUNDARY_PROPERTY_CASES"), out var cases) ? cases : 300;

    [Test]
    public void Json_templates() => Run(TemplateFormat.Json, firstSeed: 1_000);

    [Test]
    public void Yaml_templates() => Run(TemplateFormat.Yaml, firstSeed: 5_000);

    [TestCase(TemplateFormat.Json)]
    [TestCase(TemplateFormat.Yaml)]
    public void Damaged_templates_load_or_fail_with_a_position(TemplateFormat format)
    {
        var failures = new List<string>();
        for (var seed = 9_000; seed < 9_000 + CasesPerFormat && failures.Count < 3; seed++)
        {
            var generator = new TemplateGenerator(seed);
            var bytes = (format == TemplateFormat.Json ? generator.Json() : generator.Yaml()).ToList();
            var random = new Random(seed);
            for (var i = random.Next(1, 4); i > 0 && bytes.Count > 1; i--)
            {
                var at = random.Next(bytes.Count);
                if (random.Next(2) == 0)
                    bytes.RemoveAt(at);
                else
                    bytes.Insert(at, (byte)"{}[],:'\"#&*!|>-? \n\t\r\u00ff"[random.Next(19)]);
            }
            try
            {
                if (CloudFormationTemplate.Load(new SourceText("damaged", [.. bytes])) is { } template)
                    BoundaryInjector.Plan(template, "arn:aws:iam::123456789012:policy/B", new InjectionOptions()).Apply();
            }
            catch (BoundaryException e) when (System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"^damaged:\d+:\d+: "))
            {
            }
            catch (Exception e)
            {
                failures.Add($"{format} seed {seed}: {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString([.. bytes])}");
            }
        }
        foreach (var failure in failures)
            TestContext.Out.WriteLine(failure);
        failures.Should().BeEmpty();
    }

    [TestCase(TemplateFormat.Json, 20_000)]
    [TestCase(TemplateFormat.Yaml, 24_000)]
    public void Verify_finds_no_missing_principal_after_inject_on_adversarial_shapes(TemplateFormat format, int firstSeed)
    {
        var failures = new List<string>();
        var shapes = 0;
        for (var seed = firstSeed; seed < firstSeed + CasesPerFormat && failures.Count < 3; seed++)
        {
            var generator = new TemplateGenerator(seed) { Adversarial = true };
            var input = format == TemplateFormat.Json ? generator.Json() : generator.Yaml();
            byte[]? output = null;
            try
            {
                var template = CloudFormationTemplate.Load(new SourceText("generated", input)) ?? throw new AssertionException("not read as a template");
                shapes += template.Principals.Count(p => p.IsSam || p.Branches is not null);
                var options = new InjectionOptions();
                const string arn = "arn:aws:iam::123456789012:policy/team/Boundary";
                var plan = BoundaryInjector.Plan(template, arn, options);
                output = plan.Apply();
                var reloaded = CloudFormationTemplate.Load(new SourceText("generated", output)) ?? throw new AssertionException("the output is no template");
                reloaded.Principals.Select(p => (p.LogicalId, p.Type)).Should().Equal(template.Principals.Select(p => (p.LogicalId, p.Type)));
                var expected = Boundary.Amplify.PolicyArn.Parse(arn);
                foreach (var principal in reloaded.Principals.Where(p => BoundaryInjector.Covers(p, options)))
                {
                    var verdict = Verifier.Judge("generated", principal, expected, new VerifyOptions());
                    if (verdict.Status == VerifyStatus.Missing)
                        throw new AssertionException($"verify disagrees with inject: {verdict.Message}");
                }
                if (!TextEdit.Apply(output, TextEdit.Inverse(input, plan.Edits)).AsSpan().SequenceEqual(input))
                    throw new AssertionException("the inverse edits do not give back the input");
            }
            catch (Exception e)
            {
                failures.Add($"{format} seed {seed}: {e.GetType().Name}: {e.Message}\n--- input ---\n{Encoding.UTF8.GetString(input)}\n--- output ---\n{(output is null ? "(none)" : Encoding.UTF8.GetString(output))}\n---");
            }
        }
        foreach (var failure in failures)
            TestContext.Out.WriteLine(failure);
        failures.Should().BeEmpty();
        shapes.Should().BeGreaterThan(CasesPerFormat / 10, "the adversarial shapes are generated");
    }

    /// <summary>
    /// cfn-lint (on PATH) finds no error in the injected templates that it did not find in the input:
    /// the boundary goes where CloudFormation expects it, also in Fn::If branches and SAM resources.
    /// One cfn-lint run over a batch of generated templates, before and after.
    /// </summary>
    [Test]
    public void Cfn_lint_finds_no_new_error_after_inject()
    {
        var cfnLint = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, "cfn-lint")).FirstOrDefault(File.Exists);
        if (cfnLint is null)
            Assert.Ignore("cfn-lint is not on PATH (pip install cfn-lint).");
        const string arn = "arn:aws:iam::123456789012:policy/Boundary";
        var folder = Path.Combine(Path.GetTempPath(), "boundary-tests", "lint-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var pairs = new List<(string Before, string After)>();
            for (var seed = 30_000; pairs.Count < 40; seed++)
            {
                var generator = new TemplateGenerator(seed) { Adversarial = true };
                var format = seed % 2 == 0 ? TemplateFormat.Json : TemplateFormat.Yaml;
                var input = format == TemplateFormat.Json ? generator.Json() : generator.Yaml();
                if (Encoding.UTF8.GetString(input).Contains("Metadata", StringComparison.Ordinal))
                    continue; // cfn-lint crashes on a resource Metadata that is not a mapping, and one crash loses the whole batch
                var template = CloudFormationTemplate.Load(new SourceText("generated", input))!;
                var output = BoundaryInjector.Plan(template, arn, new InjectionOptions()).Apply();
                var extension = format == TemplateFormat.Json ? "json" : "yaml";
                var before = Path.Combine(folder, $"{seed}-before.{extension}");
                var after = Path.Combine(folder, $"{seed}-after.{extension}");
                File.WriteAllBytes(before, input);
                File.WriteAllBytes(after, output);
                pairs.Add((before, after));
            }
            var start = new System.Diagnostics.ProcessStartInfo(cfnLint) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--format", "parseable", "--" }.Concat(pairs.SelectMany(p => new[] { p.Before, p.After })))
                start.ArgumentList.Add(argument);
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var report = process.StandardOutput.ReadToEnd();
            var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            var diagnostics = stderr.Result;
            // path:line:column:endLine:endColumn:RULE:message
            var errors = lines.Select(l => l.Split(':')).Where(p => p.Length > 6 && p[5].StartsWith('E'))
                .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => p[5] + ":" + string.Join(':', p[6..])).ToList());
            errors.Should().NotBeEmpty($"cfn-lint ran and its report was read (random templates always hold some error); exit {process.ExitCode}, stdout {report[..Math.Min(500, report.Length)]}, stderr {diagnostics[Math.Max(0, diagnostics.Length - 600)..]}");
            var failures = new List<string>();
            foreach (var (before, after) in pairs)
            {
                var was = errors.GetValueOrDefault(before) ?? [];
                var now = errors.GetValueOrDefault(after) ?? [];
                var added = now.Select(e => e.Split(':')[0]).GroupBy(r => r).Where(g => g.Count() > was.Count(w => w.StartsWith(g.Key + ":", StringComparison.Ordinal))).Select(g => g.Key).ToList();
                if (added.Count > 0)
                    failures.Add($"{Path.GetFileName(after)}: new {string.Join(", ", added)}: {string.Join(" | ", now.Where(e => added.Any(a => e.StartsWith(a + ":", StringComparison.Ordinal))))}\n{File.ReadAllText(after)}");
            }
            failures.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>BOUNDARY_PROPERTY_SEED: replay the one seed a failure printed.</summary>
    private static int? ReplaySeed => int.TryParse(Environment.GetEnvironmentVariable("BOUNDARY_PROPERTY_SEED"), out var seed) ? seed : null;

    private static void Run(TemplateFormat format, int firstSeed)
    {
        var failures = new List<string>();
        var (from, count) = ReplaySeed is { } replay ? (replay, 1) : (firstSeed, CasesPerFormat);
        for (var seed = from; seed < from + count && failures.Count < 3; seed++)
            if (Check(format, seed) is { } failure)
                failures.Add(failure);
        foreach (var failure in failures)
            TestContext.Out.WriteLine(failure);
        failures.Should().BeEmpty();
    }

    private static string? Check(TemplateFormat format, int seed)
    {
        var generator = new TemplateGenerator(seed);
        var input = format == TemplateFormat.Json ? generator.Json() : generator.Yaml();
        var arn = generator.Arn;
        byte[]? output = null;
        try
        {
            var template = CloudFormationTemplate.Load(new SourceText("generated", input)) ?? throw new AssertionException("not read as a template");
            if (template.Format != format)
                throw new AssertionException($"read as {template.Format}");
            var plan = BoundaryInjector.Plan(template, arn, new InjectionOptions());
            output = plan.Apply();

            var (expected, actual) = format == TemplateFormat.Json ? JsonTrees(input, output, arn) : YamlTrees(input, output, arn);
            if (expected != actual)
                throw new AssertionException($"(a) the injected file does not read as the input plus the boundaries:\n  expected {expected}\n  actual   {actual}");

            if (!TextEdit.Apply(output, TextEdit.Inverse(input, plan.Edits)).AsSpan().SequenceEqual(input))
                throw new AssertionException("(b) the inverse edits do not give back the input");
            if (generator.RemovalIsExact)
            {
                var injected = plan.Outcomes.Where(o => o.Action == PrincipalAction.Injected).Select(o => o.Resource.LogicalId).ToHashSet();
                var reloaded = CloudFormationTemplate.Load(new SourceText("generated", output))!;
                var removals = reloaded.Principals.Where(p => injected.Contains(p.LogicalId)).Select(reloaded.RemoveBoundary).ToList();
                if (!TextEdit.Apply(output, removals).AsSpan().SequenceEqual(input))
                    throw new AssertionException("(b) removing the added boundaries does not give back the input");
            }
            return null;
        }
        catch (Exception e)
        {
            return $"{format} seed {seed}: {e.GetType().Name}: {e.Message}\n--- input ---\n{Encoding.UTF8.GetString(input)}\n--- output ---\n{(output is null ? "(none)" : Encoding.UTF8.GetString(output))}\n---";
        }
    }

    private static (string Expected, string Actual) JsonTrees(byte[] input, byte[] output, string arn)
    {
        var settings = new JsonLoadSettings { CommentHandling = CommentHandling.Ignore };
        var expected = JObject.Parse(Text(input), settings);
        foreach (var resource in ((JObject)expected["Resources"]!).Properties().Select(p => p.Value).OfType<JObject>())
        {
            if ((string?)resource["Type"] != TemplateResource.Role)
                continue;
            if (resource["Properties"] is not JObject properties)
                resource["Properties"] = properties = [];
            if (properties.Property("PermissionsBoundary") is null)
                properties["PermissionsBoundary"] = arn;
        }
        var actual = JObject.Parse(Text(output), settings);
        return (Canonical(expected), Canonical(actual));
    }

    private static string Canonical(JToken token) => token switch
    {
        JObject o => "{" + string.Join(",", o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        JArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    private static (string Expected, string Actual) YamlTrees(byte[] input, byte[] output, string arn)
    {
        var expected = (YamlMappingNode)Load(input);
        foreach (var resource in ((YamlMappingNode)expected["Resources"]).Children.Values.OfType<YamlMappingNode>())
        {
            if (!resource.Children.TryGetValue(new YamlScalarNode("Type"), out var type) || ((YamlScalarNode)type).Value != TemplateResource.Role)
                continue;
            if (!resource.Children.TryGetValue(new YamlScalarNode("Properties"), out var properties))
                resource.Add("Properties", properties = new YamlMappingNode());
            var mapping = (YamlMappingNode)properties;
            if (!mapping.Children.ContainsKey(new YamlScalarNode("PermissionsBoundary")))
                mapping.Add("PermissionsBoundary", new YamlScalarNode(arn));
        }
        return (Canonical(expected), Canonical(Load(output)));
    }

    private static YamlNode Load(byte[] bytes)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Text(bytes)));
        return stream.Documents[0].RootNode;
    }

    /// <summary>Mappings with sorted keys, tags kept, scalar styles ignored but a plain scalar that is not a string marked.</summary>
    private static string Canonical(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? "" : node.Tag.IsNonSpecific ? "! " : node.Tag.Value + " ";
        return tag + node switch
        {
            YamlMappingNode m => "{" + string.Join(",", m.Children.Select(c => Canonical(c.Key) + ":" + Canonical(c.Value)).Order(StringComparer.Ordinal)) + "}",
            YamlSequenceNode s => "[" + string.Join(",", s.Children.Select(Canonical)) + "]",
            YamlScalarNode { Style: ScalarStyle.Plain } p when node.Tag.IsEmpty && YamlScalars.IsNonString(p.Value!) => "#" + p.Value,
            YamlScalarNode s => JValue.CreateString(s.Value).ToString(Newtonsoft.Json.Formatting.None),
            _ => node.ToString(),
        };
    }

    private static string Text(byte[] bytes) => new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
}
