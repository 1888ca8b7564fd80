using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using Amazon.Runtime;
using Boundary.Aws;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Support;

/// <summary>
/// An organisation in a private moto: moto's default account is the management account; two OUs (Prod,
/// Dev) and four member accounts (two in Prod, one in Dev, one under the root). SCPs: at the root, any
/// boundary required for iam:CreateRole (an OrgAdmin role exempt) and boundaries protected from deletion;
/// on Prod, exactly arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary; on Dev, a NotAction statement
/// for amplify-* roles that takes any DevBoundary* policy. Amplify-like root stacks (with a nested stack)
/// are deployed in the three OU accounts; in the second Prod account one role lacks its boundary.
/// </summary>
public sealed class MotoOrganization : IDisposable
{
    public const string RootScp = """{"Version":"2012-10-17","Statement":[{"Sid":"AnyBoundary","Effect":"Deny","Action":"iam:CreateRole","Resource":"*","Condition":{"Null":{"iam:PermissionsBoundary":"true"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgAdmin"}}},{"Sid":"KeepBoundaries","Effect":"Deny","Action":"iam:DeleteRolePermissionsBoundary","Resource":"*"}]}""";
    public const string ProdScp = """{"Version":"2012-10-17","Statement":[{"Sid":"OrgBoundaryOnly","Effect":"Deny","Action":["iam:CreateRole","iam:PutRolePermissionsBoundary"],"Resource":"*","Condition":{"StringNotEquals":{"iam:PermissionsBoundary":"arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary"}}}]}""";
    public const string DevScp = """{"Version":"2012-10-17","Statement":[{"Sid":"DevBoundaries","Effect":"Deny","NotAction":["iam:Get*","iam:List*"],"Resource":"arn:aws:iam::*:role/amplify-*","Condition":{"ArnNotLike":{"iam:PermissionsBoundary":"arn:aws:iam::*:policy/DevBoundary*"}}}]}""";

    public MotoServer Moto { get; }

    public string Management => MotoServer.Account;

    public string RootId { get; }

    public string ProdOu { get; }

    public string DevOu { get; }

    /// <summary>Prod accounts, the Dev account, and the account left under the root.</summary>
    public string Prod1 { get; }

    public string Prod2 { get; }

    public string Dev1 { get; }

    public string Loose { get; }

    /// <summary>The role in <see cref="Prod2"/> deployed without a boundary.</summary>
    public const string MissingRole = "amplify-shop-prod-fn-unbounded";

    public MotoOrganization(MotoServer moto)
    {
        Moto = moto;
        Call("CreateOrganization", ("FeatureSet", "ALL"));
        RootId = Call("ListRoots").GetProperty("Roots")[0].GetProperty("Id").GetString()!;
        Call("EnablePolicyType", ("RootId", RootId), ("PolicyType", "SERVICE_CONTROL_POLICY"));
        ProdOu = Call("CreateOrganizationalUnit", ("ParentId", RootId), ("Name", "Prod")).GetProperty("OrganizationalUnit").GetProperty("Id").GetString()!;
        DevOu = Call("CreateOrganizationalUnit", ("ParentId", RootId), ("Name", "Dev")).GetProperty("OrganizationalUnit").GetProperty("Id").GetString()!;
        Prod1 = CreateAccount("prod-one", ProdOu);
        Prod2 = CreateAccount("prod-two", ProdOu);
        Dev1 = CreateAccount("dev-one", DevOu);
        Loose = CreateAccount("sandbox", null);
        Attach("RequireAnyBoundary", RootScp, RootId);
        Attach("RequireOrgBoundary", ProdScp, ProdOu);
        Attach("DevBoundaries", DevScp, DevOu);

        Deploy(Prod1, "amplify-shop-prod", "OrgBoundary", unbounded: false);
        Deploy(Prod2, "amplify-shop-prod", "OrgBoundary", unbounded: true);
        Deploy(Dev1, "amplify-shop-dev", "DevBoundary", unbounded: false);
    }

    public string Boundary(string account, string name = "OrgBoundary") => $"arn:aws:iam::{account}:policy/{name}";

    public AWSCredentials Member(string account) => Moto.AssumeRole(account, "OrganizationAccountAccessRole");

    public void Dispose() => Moto.Dispose();

    private string CreateAccount(string name, string? ou)
    {
        var id = Call("CreateAccount", ("Email", name + "@example.com"), ("AccountName", name)).GetProperty("CreateAccountStatus").GetProperty("AccountId").GetString()!;
        if (ou is not null)
            Call("MoveAccount", ("AccountId", id), ("SourceParentId", RootId), ("DestinationParentId", ou));
        return id;
    }

    private void Attach(string name, string content, string target)
    {
        var id = Call("CreatePolicy", ("Name", name), ("Description", name), ("Type", "SERVICE_CONTROL_POLICY"), ("Content", content))
            .GetProperty("Policy").GetProperty("PolicySummary").GetProperty("Id").GetString()!;
        Call("AttachPolicy", ("PolicyId", id), ("TargetId", target));
    }

    /// <summary>A root stack (the host's description) with AuthRole and UnauthRole, and a nested function stack with two roles.</summary>
    private void Deploy(string account, string stack, string policy, bool unbounded)
    {
        var credentials = Member(account);
        var boundary = Moto.CreatePolicy(policy, credentials);
        var bucket = ("deployment-" + account).ToLowerInvariant();
        var function = Upload(account, bucket, "function.json", MotoStacks.Template([
            new TemplateRole("LambdaExecutionRole", stack + "-fn-bounded", boundary),
            new TemplateRole("UnboundedRole", unbounded ? MissingRole : stack + "-fn-second", unbounded ? null : boundary),
        ]));
        var root = JObject.Parse(MotoStacks.Template([
            new TemplateRole("AuthRole", stack + "-authRole", boundary),
            new TemplateRole("UnauthRole", stack + "-unauthRole", boundary),
        ], [("functionshop", function)]));
        root["Description"] = "Root Stack for AWS Amplify CLI";
        Moto.CreateStack(stack, root.ToString(), credentials);
        // Not a root stack of the host: never audited.
        Moto.CreateStack(stack + "-other", MotoStacks.Template([new TemplateRole("Other", stack + "-notamplify")]), credentials);
    }

    /// <summary>Uploads a nested template into the member account's own bucket (moto's S3 is per account, chosen by the access key).</summary>
    private string Upload(string account, string bucket, string key, string body)
    {
        var keys = Member(account).GetCredentials();
        foreach (var (path, content) in new[] { ($"/{bucket}", (string?)null), ($"/{bucket}/{key}", body) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Moto.Url + path);
            request.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={keys.AccessKey}/20240101/{MotoServer.Region}/s3/aws4_request, SignedHeaders=host, Signature=00");
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", keys.Token);
            if (content is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            using var response = ((HttpClient)AwsQueryClient.DefaultHttp).Send(request);
            if (!response.IsSuccessStatusCode && (int)response.StatusCode != 409)
                throw new InvalidOperationException($"S3 PUT {path}: HTTP {(int)response.StatusCode}");
        }
        return $"https://{bucket}.s3.amazonaws.com/{key}";
    }

    private JsonElement Call(string operation, params (string Name, string Value)[] members)
    {
        var request = new JsonRequest();
        foreach (var (name, value) in members)
            request.Add(name, value);
        var client = new AwsJsonClient(AwsServiceEndpoint.Resolve(AwsServiceInfo.Organizations, MotoServer.Region, Moto.Url, _ => null), MotoServer.DefaultCredentials, AwsQueryClient.DefaultHttp);
        return client.InvokeAsync(new AwsJsonOperation<JsonElement>(operation, request, r => r.Clone())).GetAwaiter().GetResult();
    }
}
