using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Boundary.Aws;
using Newtonsoft.Json.Linq;

namespace Boundary.Tests.Support;

/// <summary>A role of a test template: its logical id, an explicit name (else CloudFormation makes one) and its boundary.</summary>
public sealed record TemplateRole(string LogicalId, string? RoleName = null, string? Boundary = null);

/// <summary>
/// CloudFormation and S3 in the emulator: templates written by tests, uploaded to an S3 bucket for nested
/// stacks (CloudFormation reads a nested stack's TemplateURL from S3), and deployed with CreateStack.
/// </summary>
public static class MotoStacks
{
    private const string TrustPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>A template with <paramref name="roles"/> and one AWS::CloudFormation::Stack per <paramref name="nested"/> (logical id, TemplateURL).</summary>
    public static string Template(IEnumerable<TemplateRole> roles, IEnumerable<(string LogicalId, string TemplateUrl)>? nested = null)
    {
        var resources = new JObject();
        foreach (var role in roles)
        {
            var properties = new JObject { ["AssumeRolePolicyDocument"] = JObject.Parse(TrustPolicy) };
            if (role.RoleName is not null)
                properties["RoleName"] = role.RoleName;
            if (role.Boundary is not null)
                properties["PermissionsBoundary"] = role.Boundary;
            resources[role.LogicalId] = new JObject { ["Type"] = "AWS::IAM::Role", ["Properties"] = properties };
        }
        foreach (var (logicalId, url) in nested ?? [])
            resources[logicalId] = new JObject { ["Type"] = "AWS::CloudFormation::Stack", ["Properties"] = new JObject { ["TemplateURL"] = url } };
        return new JObject { ["AWSTemplateFormatVersion"] = "2010-09-09", ["Resources"] = resources }.ToString();
    }

    /// <summary>Creates the bucket (once) and uploads <paramref name="body"/>; returns the object's URL for a TemplateURL.</summary>
    public static string Upload(this MotoServer moto, string bucket, string key, string body)
    {
        Send(moto, HttpMethod.Put, $"/{bucket}", null);
        Send(moto, HttpMethod.Put, $"/{bucket}/{key}", body);
        return $"https://{bucket}.s3.amazonaws.com/{key}";
    }

    private static void Send(MotoServer moto, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, moto.Url + path);
        // moto routes a request to S3 by the credential scope of its Authorization header and checks no
        // signature unless it enforces IAM; a JSON content type keeps it from reading the body as a form.
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={MotoServer.AccessKey}/20240101/{MotoServer.Region}/s3/aws4_request, SignedHeaders=host, Signature=00");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = ((HttpClient)AwsQueryClient.DefaultHttp).Send(request);
        if (!response.IsSuccessStatusCode && !(method == HttpMethod.Put && body is null && (int)response.StatusCode == 409))
            throw new InvalidOperationException($"S3 {method} {path}: HTTP {(int)response.StatusCode}");
    }

    /// <summary>Deploys a stack (moto creates its resources, nested stacks included, at once) and returns its id.</summary>
    public static string CreateStack(this MotoServer moto, string name, string templateBody, AWSCredentials? credentials = null)
    {
        var result = moto.Query(AwsServiceInfo.CloudFormation, credentials).InvokeAsync("CreateStack", new QueryParameters()
            .Add("StackName", name)
            .Add("TemplateBody", templateBody)
            .AddList("Capabilities", ["CAPABILITY_NAMED_IAM"])).GetAwaiter().GetResult();
        return result.RequiredText("StackId");
    }

    public static IamRole GetRole(this MotoServer moto, string name, AWSCredentials? credentials = null) =>
        moto.Iam(credentials).GetRoleAsync(name).GetAwaiter().GetResult();
}
