using System.Text;
using Boundary.Tests.Support;


namespace Boundary.Tests.Hooks;

/// <summary>What the hook tests share: the fixture's ARNs, host-like payloads, and byte comparisons.</summary>
public static class HookTestSupport
{
    public const string DevArn = "arn:aws:iam::123456789012:policy/DevBoundary";
    public const string ProdArn = "arn:aws:iam::210987654321:policy/ProdBoundary";

    public const string FnA = "amplify/backend/function/fnA/fnA-cloudformation-template.json";
    public const string FnACopy = "amplify/#current-cloud-backend/function/fnA/fnA-cloudformation-template.json";
    public const string FnB = "amplify/backend/function/fnB/fnB-cloudformation-template.json";
    public const string FnBCopy = "amplify/#current-cloud-backend/function/fnB/fnB-cloudformation-template.json";
    public const string Groups = "amplify/backend/auth/userPoolGroups/template.json";
    public const string Todo = "amplify/backend/api/myapi/build/stacks/Todo.json";
    public const string Custom = "amplify/backend/custom/mystack/mystack-cloudformation-template.json";
    public const string CustomCopy = "amplify/#current-cloud-backend/custom/mystack/mystack-cloudformation-template.json";
    public const string RootStack = "amplify/backend/awscloudformation/build/root-cloudformation-stack.json";
    public const string NodeModules = "amplify/backend/function/fnA/src/node_modules/dep/template.json";
    public const string Journal = "amplify/.boundary/push-journal.jsonl";

    /// <summary>The payload as host 14.2.2 sends it: environment is the whole local-env-info object.</summary>
    public static string Payload(string projectPath, string env = "dev", string? error = null, string command = "push") =>
        "{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"" + env + "\",\"projectPath\":" + Quote(projectPath) +
        ",\"defaultEditor\":\"code\"},\"command\":\"" + command + "\",\"argv\":[\"/usr/bin/node\",\"/usr/bin/amplify\",\"" + command + "\",\"--yes\"],\"version\":\"14.2.2\"" +
        (error is null ? "" : ",\"error\":{\"message\":" + Quote(error) + ",\"stack\":\"Error: x\\n    at y\"}") + "}}}";

    public static string Quote(string text) => Newtonsoft.Json.JsonConvert.ToString(text);

    public static CliResult Hook(TempProject project, string stage, string? payload = null, params string[] extra) =>
        CliRunner.Run(project.Root, payload ?? Payload(project.Root), null, ["hook", stage, .. extra]);

    /// <summary>Asserts that every file is byte-identical to <paramref name="before"/> (the tool's state folder aside).</summary>
    public static void ShouldEqualSnapshot(this TempProject project, Dictionary<string, byte[]> before)
    {
        var after = project.Snapshot();
        after.Keys.Should().BeEquivalentTo(before.Keys);
        foreach (var (path, bytes) in before)
            after[path].Should().Equal(bytes, $"{path} must be byte-identical: {Encoding.UTF8.GetString(after[path])}");
    }

    /// <summary>Copies backend files into #current-cloud-backend, as the host does after a successful push.</summary>
    public static void HostCopiesToCurrentCloudBackend(TempProject project, params string[] backendPaths)
    {
        foreach (var path in backendPaths)
        {
            var copy = path.Replace("amplify/backend/", "amplify/#current-cloud-backend/");
            project.WriteBytes(copy, project.ReadBytes(path));
            // A fresh mtime even on a coarse clock: the host's copy is a new file.
            File.SetLastWriteTimeUtc(project.PathOf(copy), DateTime.UtcNow.AddSeconds(5));
        }
    }
}
