using System.Text;
using Boundary.Tests.Hooks;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A two-env Amplify project (dev current with <see cref="DevArn"/>, prod with <see cref="ProdArn"/>)
/// holding one attack template, and the commands run on it in-process.
/// </summary>
public sealed class AttackProject : IDisposable
{
    public const string DevArn = "arn:aws:iam::123456789012:policy/DevBoundary";
    public const string ProdArn = "arn:aws:iam::123456789012:policy/ProdBoundary";

    public const string TeamProviderInfo =
        "{\n  \"dev\": {\n    \"awscloudformation\": {\n      \"PermissionsBoundaryPolicyArn\": \"" + DevArn + "\",\n      \"Region\": \"us-east-1\"\n    }\n  },\n" +
        "  \"prod\": {\n    \"awscloudformation\": {\n      \"PermissionsBoundaryPolicyArn\": \"" + ProdArn + "\",\n      \"Region\": \"us-east-1\"\n    }\n  }\n}\n";

    private AttackProject(TempProject project, string format)
    {
        Project = project;
        Format = format;
    }

    public TempProject Project { get; }

    public string Format { get; }

    public string Root => Project.Root;

    public static string TemplatePath(string format) =>
        format == "json" ? "amplify/backend/custom/attack/attack-cloudformation-template.json" : "amplify/backend/custom/attack/template.yaml";

    public static AttackProject Create(string format, string template, string teamProviderInfo = TeamProviderInfo)
    {
        var project = TempProject.Minimal(teamProviderInfo);
        project.Write(TemplatePath(format), template);
        return new AttackProject(project, format);
    }

    /// <summary>A JSON template with one resource R of the given Type (a JSON literal) and Properties members.</summary>
    public static string JsonRole(string typeLiteral, string properties = "\"RoleName\": \"r\"") =>
        "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": " + typeLiteral + ",\n      \"Properties\": {\n        " + properties + "\n      }\n    }\n  }\n}\n";

    /// <summary>A YAML template with one resource R of the given Type (as written) and Properties lines.</summary>
    public static string YamlRole(string type, string properties = "RoleName: r") =>
        $"Resources:\n  R:\n    Type: {type}\n    Properties:\n      {properties}\n";

    public CliResult Verify(params string[] extra) => CliRunner.Run(Root, ["verify", .. extra]);

    public CliResult PrePush() => HookTestSupport.Hook(Project, "pre-push");

    public CliResult PostPush() => HookTestSupport.Hook(Project, "post-push");

    public CliResult Inject() => CliRunner.Run(Root, ["inject", "amplify/backend", "--arn", DevArn]);

    public Dictionary<string, byte[]> Snapshot() => Project.Snapshot();

    public void ShouldEqual(Dictionary<string, byte[]> before) => Project.ShouldEqualSnapshot(before);

    public string Read(string relative) => Project.Read(relative);

    public void WriteBytes(string relative, byte[] bytes) => Project.WriteBytes(relative, bytes);

    /// <summary>Every PermissionsBoundary value under Resources as a standard reader (Newtonsoft, YamlDotNet) sees it.</summary>
    public List<string?> StandardBoundaries()
    {
        var text = Encoding.UTF8.GetString(Project.ReadBytes(TemplatePath(Format)));
        var found = new List<string?>();
        if (Format == "json")
        {
            foreach (var property in ((JContainer)JObject.Parse(text)["Resources"]!).Descendants().OfType<JProperty>().Where(p => p.Name == "PermissionsBoundary"))
                found.Add(property.Value.Type == JTokenType.String ? (string?)property.Value : property.Value.ToString());
            return found;
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var resources = ((YamlMappingNode)stream.Documents[0].RootNode)["Resources"];
        foreach (var node in resources.AllNodes.OfType<YamlMappingNode>())
            foreach (var (key, value) in node.Children)
                if (key is YamlScalarNode { Value: "PermissionsBoundary" })
                    found.Add(value is YamlScalarNode scalar ? scalar.Value : value.ToString());
        return found;
    }

    public void Dispose() => Project.Dispose();
}
