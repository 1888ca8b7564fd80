using System.Text;
using System.Xml.Linq;
using Boundary.Aws;
using Boundary.Tests.Support;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Corpus;

/// <summary>What deploying one injected template to moto's CloudFormation gave.</summary>
public sealed record Deployment(ChangedTemplate Template, string StackName, bool Deployed, string? WhyNot, IReadOnlyList<(string LogicalId, string RoleName, string? Boundary)> Roles);

/// <summary>
/// Deploys injected templates to moto's CloudFormation (CreateStack with the template body, dummy values
/// for parameters without a default) and reads every role the stack created back through our own IAM
/// client (GetRole: the boundary it really got).
/// </summary>
public static class MotoDeployment
{
    /// <summary>Where function templates find their code: a moto S3 bucket holding <see cref="CodeKey"/> (made once per emulator).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MotoServer, string> CodeBuckets = new();

    private const string CodeKey = "corpus-function.zip";

    private static string MakeCodeBucket(MotoServer moto)
    {
        var bucket = MotoServer.UniqueName("corpus-code").ToLowerInvariant();
        using var http = new HttpClient();
        // moto's S3 takes unsigned path-style requests.
        http.PutAsync($"{moto.Url}/{bucket}", new ByteArrayContent([])).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        http.PutAsync($"{moto.Url}/{bucket}/{CodeKey}", new ByteArrayContent(EmptyZip)).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        return bucket;
    }

    /// <summary>
    /// Functions the host built name their code's bucket and key literally (from the project's last
    /// push): put that object into moto's S3 so the Lambda function, and so the stack, can be created.
    /// </summary>
    private static void PutLiteralCode(MotoServer moto, string body)
    {
        if (!body.TrimStart().StartsWith('{') || JToken.Parse(body)["Resources"] is not JObject resources)
            return;
        using var http = new HttpClient();
        foreach (var resource in resources.Properties())
        {
            if (resource.Value["Properties"]?["Code"] is not JObject code || code["S3Bucket"] is not JValue { Type: JTokenType.String } bucket || code["S3Key"] is not JValue { Type: JTokenType.String } key)
                continue;
            http.PutAsync($"{moto.Url}/{bucket}", new ByteArrayContent([])).GetAwaiter().GetResult();
            http.PutAsync($"{moto.Url}/{bucket}/{key}", new ByteArrayContent(EmptyZip)).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }
    }

    private static readonly byte[] EmptyZip = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static Deployment Deploy(MotoServer moto, ChangedTemplate template)
    {
        var stackName = MotoServer.UniqueName("corpus");
        var cloudFormation = new AwsQueryClient(
            AwsServiceEndpoint.Resolve(AwsServiceInfo.CloudFormation, MotoServer.Region, moto.Url, _ => null),
            MotoServer.DefaultCredentials, AwsQueryClient.DefaultHttp, new AwsRetryPolicy { MaxAttempts = 1 });
        var body = new UTF8Encoding(false).GetString(template.Changed).TrimStart('\uFEFF');
        PutLiteralCode(moto, body);
        var parameters = new QueryParameters().Add("StackName", stackName).Add("TemplateBody", body);
        var index = 1;
        foreach (var (name, value) in DummyParameters(template.Changed, CodeBuckets.GetValue(moto, MakeCodeBucket)))
        {
            parameters.Add($"Parameters.member.{index}.ParameterKey", name).Add($"Parameters.member.{index}.ParameterValue", value);
            index++;
        }
        parameters.Add("Capabilities.member.1", "CAPABILITY_NAMED_IAM").Add("Capabilities.member.2", "CAPABILITY_AUTO_EXPAND");
        try
        {
            cloudFormation.InvokeAsync("CreateStack", parameters).GetAwaiter().GetResult();
            var status = "";
            string? reason = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            do
            {
                var stack = cloudFormation.InvokeAsync("DescribeStacks", new QueryParameters().Add("StackName", stackName)).GetAwaiter().GetResult()
                    .Descendants().First(e => e.Name.LocalName == "member");
                status = stack.Text("StackStatus") ?? "";
                reason = stack.Text("StackStatusReason");
                if (!status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
                    break;
                Thread.Sleep(250);
            }
            while (DateTime.UtcNow < deadline);
            if (status == "CREATE_IN_PROGRESS")
                return new Deployment(template, stackName, false, "still CREATE_IN_PROGRESS after 10 s (a custom resource waits for a Lambda answer moto never sends)", []);
            if (status != "CREATE_COMPLETE")
                return new Deployment(template, stackName, false, $"{status}: {reason}", []);
            var resources = cloudFormation.InvokeAsync("DescribeStackResources", new QueryParameters().Add("StackName", stackName)).GetAwaiter().GetResult()
                .Descendants().Where(e => e.Name.LocalName == "member" && e.Text("ResourceType") == "AWS::IAM::Role").ToList();
            var iam = moto.Iam();
            var roles = new List<(string, string, string?)>();
            foreach (var resource in resources)
            {
                var roleName = resource.RequiredText("PhysicalResourceId");
                var role = iam.GetRoleAsync(roleName).GetAwaiter().GetResult();
                roles.Add((resource.RequiredText("LogicalResourceId"), roleName, role.PermissionsBoundaryArn));
            }
            return new Deployment(template, stackName, true, null, roles);
        }
        catch (AwsServiceException e)
        {
            var why = e.StatusCode == 500 ? "moto failed with HTTP 500 (a resource type or property its CloudFormation does not implement)" : $"{e.ErrorCode}: {FirstLine(e.ErrorMessage)}";
            return new Deployment(template, stackName, false, $"{e.Operation}: {why}", []);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }

    /// <summary>A value for each parameter without a default: its first allowed value, else a unique lower-case name (or a number).</summary>
    public static IEnumerable<(string Name, string Value)> DummyParameters(byte[] bytes, string codeBucket)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var unique = Guid.NewGuid().ToString("N")[..8];
        foreach (var (name, type, hasDefault, allowed) in Parameters(text))
        {
            if (hasDefault)
                continue;
            yield return (name, allowed ?? type switch
            {
                "Number" => "1",
                "CommaDelimitedList" or "List<String>" => $"a{unique},b{unique}",
                _ => name switch
                {
                    "deploymentBucketName" => codeBucket,
                    "s3Key" => CodeKey,
                    _ => $"x{unique}",
                },
            });
        }
    }

    private static IEnumerable<(string Name, string Type, bool HasDefault, string? Allowed)> Parameters(string text)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            if (JToken.Parse(text)["Parameters"] is not JObject parameters)
                yield break;
            foreach (var parameter in parameters.Properties())
            {
                var body = (JObject)parameter.Value;
                yield return (parameter.Name, (string?)body["Type"] ?? "String", body["Default"] is not null, (body["AllowedValues"] as JArray)?.First?.ToString());
            }
            yield break;
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (!root.Children.TryGetValue(new YamlScalarNode("Parameters"), out var node) || node is not YamlMappingNode map)
            yield break;
        foreach (var (key, value) in map.Children)
        {
            var body = (YamlMappingNode)value;
            string? Scalar(string name) => body.Children.TryGetValue(new YamlScalarNode(name), out var v) ? (v as YamlScalarNode)?.Value : null;
            var allowed = body.Children.TryGetValue(new YamlScalarNode("AllowedValues"), out var list) && list is YamlSequenceNode { Children.Count: > 0 } sequence
                ? (sequence.Children[0] as YamlScalarNode)?.Value
                : null;
            yield return (((YamlScalarNode)key).Value!, Scalar("Type") ?? "String", body.Children.ContainsKey(new YamlScalarNode("Default")), allowed);
        }
    }
}
