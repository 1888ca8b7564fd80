using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Boundary.Tests.Support;

/// <summary>
/// The IAM Identity Center portal's GetRoleCredentials (<c>GET /federation/credentials</c>) on loopback:
/// it hands out the given keys to a request bearing <see cref="Token"/>, and 401 to anything else.
/// <see cref="WriteProfile"/> writes an sso_session profile and the cached token file that
/// 'aws sso login' would have left.
/// </summary>
public sealed class SsoPortalStub : IDisposable
{
    public const string Token = "stub-access-token";
    private readonly HttpListener listener = new();
    private readonly string accessKey;
    private readonly string secretKey;
    private int served;

    public SsoPortalStub(string accessKey, string secretKey)
    {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        Port = LocalServices.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>GetRoleCredentials requests answered with keys.</summary>
    public int Served => Volatile.Read(ref served);

    /// <summary>An sso_session profile in <paramref name="profiles"/>' config, and its cached token (expired or valid).</summary>
    public static void WriteProfile(AwsTestProfiles profiles, string profile, string account, bool expired)
    {
        const string session = "boundary-tests";
        File.AppendAllText(profiles.ConfigFile,
            $"[profile {profile}]\nsso_session = {session}\nsso_account_id = {account}\nsso_role_name = Admin\nregion = us-east-1\n" +
            $"[sso-session {session}]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n");
        var cache = Path.Combine(profiles.Dir, ".aws", "sso", "cache");
        Directory.CreateDirectory(cache);
        var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(session)));
        var expires = expired ? "2020-01-01T00:00:00Z" : DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(cache, name + ".json"),
            $$"""{"accessToken":"{{Token}}","expiresAt":"{{expires}}","startUrl":"https://example.awsapps.com/start","region":"us-east-1"}""");
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var ok = context.Request.Url?.AbsolutePath == "/federation/credentials" && context.Request.Headers["x-amz-sso_bearer_token"] == Token;
            var expiration = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            var body = ok
                ? $$$"""{"roleCredentials":{"accessKeyId":"{{{accessKey}}}","secretAccessKey":"{{{secretKey}}}","sessionToken":"sso-session","expiration":{{{expiration}}}}}"""
                : """{"message":"Session token not found or invalid"}""";
            if (ok)
                Interlocked.Increment(ref served);
            context.Response.StatusCode = ok ? 200 : 401;
            context.Response.ContentType = "application/json";
            if (!ok)
                context.Response.Headers["x-amzn-ErrorType"] = "UnauthorizedException";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
