using System.Text;
using Boundary.Editing;
using Boundary.Templates;
using YamlScalars = Boundary.Yaml.YamlScalars;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
