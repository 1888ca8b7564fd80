using System.Text;
using Boundary.Templates;
using Boundary.Text;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Templates;

/// <summary>
/// Every Fixtures/golden/&lt;case&gt;/input.* is injected and compared byte for byte with expected.* (same
/// extension); removing what was added, and applying the inverse edits, must give back the input.
/// An optional arn.txt gives the case its own ARN. To (re)write missing expected files after reviewing
/// a change, run with BOUNDARY_GOLDEN_WRITE=1.
/// </summary>
[Category("Unit")]
public class GoldenTemplateTests
{
    private const string DefaultArn = "arn:aws:iam::123456789012:policy/amplify/Boundary";

    private static string GoldenFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "golden");

    public static IEnumerable<TestCaseData> Cases()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            foreach (var input in Directory.GetFiles(folder, "input.*").Order(StringComparer.Ordinal))
                yield return new TestCaseData(Path.GetFileName(folder), Path.GetFileName(input)).SetName($"{Path.GetFileName(folder)}/{Path.GetFileName(input)}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Injects_exactly_as_expected_and_undoes_exactly(string caseName, string inputName)
    {
        var folder = Path.Combine(GoldenFolder, caseName);
        var input = File.ReadAllBytes(Path.Combine(folder, inputName));
        var arnFile = Path.Combine(folder, "arn.txt");
        var arn = File.Exists(arnFile) ? File.ReadAllText(arnFile) : DefaultArn;
        var template = CloudFormationTemplate.Load(new SourceText(inputName, input));
        template.Should().NotBeNull("every golden input is a template");
        var plan = BoundaryInjector.Plan(template!, arn, new InjectionOptions());
        var output = plan.Apply();

        var expectedName = "expected" + Path.GetExtension(inputName);
        var expectedPath = Path.Combine(folder, expectedName);
        if (!File.Exists(expectedPath) && Environment.GetEnvironmentVariable("BOUNDARY_GOLDEN_WRITE") == "1")
        {
            File.WriteAllBytes(Path.Combine(SourceFolder(), caseName, expectedName), output);
            Assert.Inconclusive($"wrote {caseName}/{expectedName}: review it");
        }
        File.Exists(expectedPath).Should().BeTrue($"{caseName}/{expectedName} exists");
        output.Should().Equal(File.ReadAllBytes(expectedPath), $"{caseName}/{inputName} gives {expectedName} byte for byte");

        TextEdit.Apply(output, TextEdit.Inverse(input, plan.Edits)).Should().Equal(input, "the inverse edits give back the input");

        var injected = plan.Outcomes.Where(o => o.Action == PrincipalAction.Injected).Select(o => o.Resource.LogicalId).ToHashSet();
        var reloaded = CloudFormationTemplate.Load(new SourceText(inputName, output))!;
        reloaded.Principals.Where(p => injected.Contains(p.LogicalId)).Should().OnlyContain(p => p.Boundary == BoundaryKind.Literal && p.BoundaryValue == arn);
        var removals = reloaded.Principals.Where(p => injected.Contains(p.LogicalId)).Select(reloaded.RemoveBoundary).ToList();
        TextEdit.Apply(output, removals).Should().Equal(input, "removing the added boundaries gives back the input");

        foreach (var logicalId in injected)
            ParsedBoundary(template!.Format, output, logicalId).Should().Be(arn, $"a standard reader sees the boundary of {logicalId}");
    }

    /// <summary>The boundary as Newtonsoft or YamlDotNet's representation model reads it (no merge keys in the way).</summary>
    internal static string? ParsedBoundary(TemplateFormat format, byte[] output, string logicalId)
    {
        var text = new UTF8Encoding(false).GetString(output).TrimStart('\uFEFF');
        if (format == TemplateFormat.Json)
            return (string?)JObject.Parse(text)["Resources"]![logicalId]!["Properties"]!["PermissionsBoundary"];
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var resource = (YamlMappingNode)((YamlMappingNode)root["Resources"])[logicalId];
        return ((YamlScalarNode)((YamlMappingNode)resource["Properties"])["PermissionsBoundary"]).Value;
    }

    private static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "Boundary.Plugin.Tests", "Fixtures", "golden");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("Boundary.Plugin.Tests/Fixtures/golden");
    }
}
