using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using Boundary.Tests.Support;

namespace Boundary.Tests.Host;

/// <summary>An Amplify project folder in a <see cref="HostLab"/>: initialised, changed and pushed by the real host.</summary>
public sealed class HostProject(HostLab lab, string root)
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public HostLab Lab { get; } = lab;

    public string Root { get; } = root;

    /// <summary>A valid project name (3-20 alphanumerics), so the host keeps it as given.</summary>
    public string Name { get; } = "e2e" + Guid.NewGuid().ToString("N")[..8];

    public string TeamProviderInfoPath => PathOf("amplify/team-provider-info.json");

    public string AmplifyMetaPath => PathOf("amplify/backend/amplify-meta.json");

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>'amplify init' headless, deploying the env's root stack to moto; extra args appended (e.g. --permissions-boundary).</summary>
    public CliResult Init(string env = "dev", string profile = "default", params string[] extra)
    {
        Directory.CreateDirectory(Root);
        return Lab.Amplify(Root,
        [
            "init",
            "--amplify", $$"""{"projectName":"{{Name}}","envName":"{{env}}","defaultEditor":"code"}""",
            "--frontend", """{"frontend":"javascript","framework":"none","config":{"SourceDir":"src","DistributionDir":"dist","BuildCommand":"npm run-script build","StartCommand":"npm run-script start"}}""",
            "--providers", Providers(profile),
            .. extra,
            "--yes",
        ]);
    }

    /// <summary>'amplify env add' headless (init inside the project); extra args appended (e.g. --permissions-boundary '').</summary>
    public CliResult HostEnvAdd(string env, string profile, params string[] extra) =>
        Lab.Amplify(Root, ["env", "add", "--amplify", $$"""{"envName":"{{env}}"}""", "--providers", Providers(profile), .. extra, "--yes"]);

    public CliResult HostEnvCheckout(string env) => Lab.Amplify(Root, ["env", "checkout", env]);

    public CliResult Push(params string[] extra) => Lab.Amplify(Root, ["push", "--yes", .. extra]);

    public CliResult Status() => Lab.Amplify(Root, ["status"]);

    /// <summary>Runs the packed tool in the project root.</summary>
    public CliResult Tool(params string[] args) => Lab.Tool(Root, args);

    private static string Providers(string profile) =>
        $$$"""{"awscloudformation":{"configLevel":"project","useProfile":true,"profileName":"{{{profile}}}"}}""";

    /// <summary>The current env, from amplify/.config/local-env-info.json.</summary>
    public string? CurrentEnv() => (string?)Parse(File.ReadAllText(PathOf("amplify/.config/local-env-info.json")))["envName"];

    /// <summary>A value of <c>&lt;env&gt;.awscloudformation</c> in team-provider-info (null when absent).</summary>
    public string? Provider(string env, string key) =>
        Parse(File.ReadAllText(TeamProviderInfoPath))[env]?["awscloudformation"]?[key]?.GetValue<string>();

    public bool ProviderHas(string env, string key) =>
        Parse(File.ReadAllText(TeamProviderInfoPath))[env]?["awscloudformation"]?.AsObject().ContainsKey(key) == true;

    /// <summary>A value of <c>providers.awscloudformation</c> in amplify-meta (null when absent).</summary>
    public string? MetaProvider(string key) =>
        Parse(File.ReadAllText(AmplifyMetaPath))["providers"]?["awscloudformation"]?[key]?.GetValue<string>();

    /// <summary>The role name <see cref="AddCustom"/>'s template gives its role in <paramref name="env"/>.</summary>
    public static string CustomRoleName(string resource, string env = "dev") => $"{resource}-{env}-role";

    /// <summary>A fresh custom resource name (alphanumerics, unique in the lab's moto).</summary>
    public static string NewResourceName() => "c" + Guid.NewGuid().ToString("N")[..7];

    /// <summary>
    /// Adds a custom CloudFormation resource (what 'amplify add custom' makes) holding one AWS::IAM::Role
    /// without a boundary, named <see cref="CustomRoleName"/>, and lists it in backend-config.json and
    /// amplify-meta.json. Function resources need runtime plugins this host install lacks.
    /// </summary>
    public void AddCustom(string name)
    {
        var dir = PathOf($"amplify/backend/custom/{name}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"{name}-cloudformation-template.json"), $$"""
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": {
                "env": { "Type": "String" }
              },
              "Resources": {
                "CustomRole": {
                  "Type": "AWS::IAM::Role",
                  "Properties": {
                    "RoleName": { "Fn::Sub": "{{name}}-${env}-role" },
                    "AssumeRolePolicyDocument": {
                      "Version": "2012-10-17",
                      "Statement": [ { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ]
                    }
                  }
                }
              },
              "Outputs": {
                "RoleArn": { "Value": { "Fn::GetAtt": [ "CustomRole", "Arn" ] } }
              }
            }

            """);
        File.WriteAllText(Path.Combine(dir, "parameters.json"), "{}");
        foreach (var file in new[] { PathOf("amplify/backend/backend-config.json"), AmplifyMetaPath })
        {
            var json = Parse(File.ReadAllText(file)).AsObject();
            if (json["custom"] is not JsonObject custom)
                json["custom"] = custom = [];
            custom[name] = new JsonObject { ["service"] = "customCloudformation", ["providerPlugin"] = "awscloudformation", ["dependsOn"] = new JsonArray() };
            File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>Removes what <see cref="AddCustom"/> or a test put under amplify/backend/custom/<paramref name="name"/>, and its entries.</summary>
    public void RemoveCustom(string name)
    {
        var dir = PathOf($"amplify/backend/custom/{name}");
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        foreach (var file in new[] { PathOf("amplify/backend/backend-config.json"), AmplifyMetaPath })
        {
            var json = Parse(File.ReadAllText(file)).AsObject();
            if (json["custom"] is JsonObject custom && custom.Remove(name))
                File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>
    /// 'dotnet boundary hook install', then one line chained after our call in the installed pre-push.sh
    /// that copies amplify/backend to <paramref name="snapshotDir"/>: what the host reads once our hook is done.
    /// </summary>
    public void InstallHooks(string snapshotDir)
    {
        var install = Tool("hook", "install");
        install.ExitCode.Should().Be(0, install.ToString());
        var prePush = PathOf("amplify/hooks/pre-push.sh");
        File.Exists(prePush).Should().BeTrue(install.ToString());
        File.AppendAllText(prePush, $"rm -rf '{snapshotDir}' && mkdir -p '{snapshotDir}' && cp -R amplify/backend '{snapshotDir}/backend'\n");
    }

    /// <summary>The PermissionsBoundary of a resource in a JSON template (null when it has none).</summary>
    public static string? TemplateBoundary(string templatePath, string logicalId = "CustomRole") =>
        Parse(File.ReadAllText(templatePath))["Resources"]?[logicalId]?["Properties"]?["PermissionsBoundary"]?.GetValue<string>();

    public string CustomTemplatePath(string resource) => PathOf($"amplify/backend/custom/{resource}/{resource}-cloudformation-template.json");

    /// <summary>Rewrites a file with CRLF line endings and/or a UTF-8 BOM, as projects edited on Windows have them.</summary>
    public void Reencode(string path, bool crlf, bool bom)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (crlf)
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllBytes(path, [.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)]);
    }

    /// <summary>Every file below <paramref name="relativeDir"/> with its bytes, keyed by path relative to it.</summary>
    public Dictionary<string, byte[]> Snapshot(string relativeDir, Func<string, bool>? include = null)
    {
        var dir = PathOf(relativeDir);
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/'), Full: f))
            .Where(f => include?.Invoke(f.Relative) ?? true)
            .ToDictionary(f => f.Relative, f => File.ReadAllBytes(f.Full));
    }

    /// <summary>The resources 'amplify status' lists with an operation other than "No Change" (empty when all are unchanged).</summary>
    public static IReadOnlyList<string> ChangedResources(string statusOutput) =>
        statusOutput.Split('\n')
            .Select(l => Regex.Match(l, @"│\s*(\w+)\s*│\s*(\S+)\s*│\s*(Create|Update|Delete|Import|Unlink)\s*│"))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}: {m.Groups[3].Value}")
            .ToList();

    public static JsonNode Parse(string text) =>
        JsonNode.Parse(text.TrimStart('\uFEFF'), documentOptions: Lenient) ?? throw new InvalidOperationException("null JSON document");
}
