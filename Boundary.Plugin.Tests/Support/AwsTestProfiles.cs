using System.Text;
using Amazon.Runtime;

namespace Boundary.Tests.Support;

/// <summary>
/// A temp AWS home: shared credentials and config files with test profiles, and JSON keys files for
/// local-aws-info.json's awsConfigFilePath. <see cref="Environment"/> gives the variables that point a
/// run at them (and at an emulator) and hide the developer's own configuration.
/// </summary>
public sealed class AwsTestProfiles : IDisposable
{
    private readonly StringBuilder credentials = new();
    private readonly StringBuilder config = new();

    public AwsTestProfiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "boundary-aws-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Dir, ".aws"));
        Flush();
    }

    public string Dir { get; }

    public string CredentialsFile => Path.Combine(Dir, ".aws", "credentials");

    public string ConfigFile => Path.Combine(Dir, ".aws", "config");

    public AwsTestProfiles Add(string profile, string accessKey, string secretKey, string? sessionToken = null, string? region = null)
    {
        credentials.Append($"[{profile}]\naws_access_key_id = {accessKey}\naws_secret_access_key = {secretKey}\n");
        if (sessionToken is not null)
            credentials.Append($"aws_session_token = {sessionToken}\n");
        if (region is not null)
            config.Append($"[{(profile == "default" ? "default" : "profile " + profile)}]\nregion = {region}\n");
        Flush();
        return this;
    }

    public AwsTestProfiles Add(string profile, AWSCredentials keys, string? region = null)
    {
        var k = keys.GetCredentials();
        return Add(profile, k.AccessKey, k.SecretKey, k.UseToken ? k.Token : null, region);
    }

    /// <summary>A keys file as 'amplify configure project' writes it (accessKeyId, secretAccessKey, region).</summary>
    public string WriteKeysFile(string name, AWSCredentials keys, string region = "us-east-1")
    {
        var k = keys.GetCredentials();
        var path = Path.Combine(Dir, name + ".json");
        File.WriteAllText(path, $$"""{"accessKeyId":"{{k.AccessKey}}","secretAccessKey":"{{k.SecretKey}}",{{(k.UseToken ? $"\"sessionToken\":\"{k.Token}\"," : "")}}"region":"{{region}}"}""");
        return path;
    }

    /// <summary>
    /// The variables for a run: these files, HOME, the endpoint (when given) and every other AWS
    /// variable cleared (null: absent in-process, removed for a subprocess).
    /// </summary>
    public Dictionary<string, string?> Environment(string? endpointUrl = null) => new()
    {
        ["HOME"] = Dir,
        ["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile,
        ["AWS_CONFIG_FILE"] = ConfigFile,
        ["AWS_ENDPOINT_URL"] = endpointUrl,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_REGION"] = null,
        ["AWS_DEFAULT_REGION"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_MAX_ATTEMPTS"] = "2",
        ["CI"] = null,
    };

    private void Flush()
    {
        File.WriteAllText(CredentialsFile, credentials.ToString());
        File.WriteAllText(ConfigFile, config.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
