using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.Runtime;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Json;

namespace Boundary.Aws;

/// <summary>
/// Finds the credentials for an env, in this order: <c>--profile</c>; the env's entry in
/// local-aws-info.json (<c>profileName</c>, or the keys file at <c>awsConfigFilePath</c>;
/// <c>configLevel: general</c> means the default chain); the default chain, in the SDK's order:
/// <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> / <c>AWS_SESSION_TOKEN</c>, web identity
/// (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>), the <c>AWS_PROFILE</c> profile (else
/// <c>default</c>), then the SDK's own chain (container, instance metadata).
/// Profiles are read by the SDK (shared credentials and config files: keys, assume-role, SSO,
/// credential_process). Environment variables come from <paramref name="environment"/>, so tests and
/// the tool's own callers decide what the run sees.
/// </summary>
public sealed class AwsCredentialResolver(Func<string, string?> environment)
{
    public ResolvedCredentials Resolve(string? profile, LocalAwsInfo? localAwsInfo)
    {
        if (!string.IsNullOrEmpty(profile))
            return FromProfile(profile, "--profile");
        if (localAwsInfo is { IsGeneral: false })
        {
            if (localAwsInfo.UseProfile && !string.IsNullOrEmpty(localAwsInfo.ProfileName))
                return FromProfile(localAwsInfo.ProfileName, "amplify/.config/local-aws-info.json");
            if (!localAwsInfo.UseProfile && !string.IsNullOrEmpty(localAwsInfo.AwsConfigFilePath))
                return FromKeysFile(localAwsInfo.AwsConfigFilePath);
        }
        return DefaultChain();
    }

    /// <summary>
    /// The default chain, in the order of the SDK's <see cref="DefaultAWSCredentialsIdentityResolver"/>
    /// (environment keys, web identity, the AWS_PROFILE or default profile, container and instance
    /// credentials; AwsCredentialResolutionTests pins it), but walked here rather than handed to the SDK:
    /// <list type="bullet">
    /// <item>the SDK reads the process environment only, and the variables here come from <see cref="RunContext"/> (tests run in parallel in one process);</item>
    /// <item>its steps change only through the static <c>AWSConfigs.AWSCredentialsGenerators</c>, process-wide;</item>
    /// <item><c>GetCredentials()</c> answers from one static cache, so a second run with another environment could get the first run's credentials;</item>
    /// <item>its role chain (<c>role_arn</c> + <c>source_profile</c>) assumes the role with an STS client that has no source credentials in the native build (<see cref="RoleChainCredentials"/>).</item>
    /// </list>
    /// So each step reads its inputs from the environment given here and builds the SDK's own
    /// credential types from them; SSO profiles need <see cref="AwsSdkDependencies"/> (see <see cref="TryProfile"/>).
    /// The last step is the SDK's chain itself, for container and instance credentials: in a real run
    /// the environment given here is the process's own, so its earlier steps find nothing the ones here did not.
    /// </summary>
    public ResolvedCredentials DefaultChain()
    {
        var accessKey = environment("AWS_ACCESS_KEY_ID");
        var secretKey = environment("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            var token = environment("AWS_SESSION_TOKEN");
            AWSCredentials keys = string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
            return new ResolvedCredentials(keys, "environment variables (AWS_ACCESS_KEY_ID)", null);
        }
        // CI's OIDC sign-in (GitHub Actions, GitLab): a web identity token file and the role to assume with it.
        var tokenFile = environment("AWS_WEB_IDENTITY_TOKEN_FILE");
        var roleArn = environment("AWS_ROLE_ARN");
        if (!string.IsNullOrEmpty(tokenFile) && !string.IsNullOrEmpty(roleArn))
        {
            var session = environment("AWS_ROLE_SESSION_NAME") is { Length: > 0 } name ? name : "dotnet-boundary";
            return new ResolvedCredentials(new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, session), $"web identity (AWS_WEB_IDENTITY_TOKEN_FILE, role {roleArn})", null);
        }
        var named = environment("AWS_PROFILE");
        if (!string.IsNullOrEmpty(named))
            return FromProfile(named, "AWS_PROFILE");
        if (TryProfile(SharedCredentialsFile.DefaultProfileName, out var fromDefault))
            return fromDefault! with { Source = "profile 'default'" };
        if (string.Equals(environment("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            throw new AwsServiceException("credentials", "resolve", AwsErrorCodes.Credentials,
                "no AWS credentials found (and AWS_EC2_METADATA_DISABLED=true rules out instance credentials): set --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run 'amplify configure project'.");
        try
        {
            return new ResolvedCredentials(DefaultAWSCredentialsIdentityResolver.GetCredentials(), "the AWS SDK's default credential chain", null);
        }
        catch (AmazonClientException e)
        {
            throw new AwsServiceException("credentials", "resolve", AwsErrorCodes.Credentials,
                "no AWS credentials found: set --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run 'amplify configure project'. " + e.Message, inner: e);
        }
    }

    private ResolvedCredentials FromProfile(string name, string via)
    {
        if (TryProfile(name, out var resolved))
            return resolved! with { Source = $"profile '{name}' ({via})" };
        throw new AwsServiceException("credentials", "resolve", AwsErrorCodes.Credentials,
            $"the AWS profile '{name}' (from {via}) is not in {CredentialsFilePath} or {ConfigFilePath}, or it cannot give credentials. Check the name with 'aws configure list-profiles'.");
    }

    private bool TryProfile(string name, out ResolvedCredentials? resolved, int depth = 0)
    {
        resolved = null;
        if (depth < 5 && RoleChain(name, depth) is { } chained)
        {
            resolved = chained;
            return true;
        }
        var file = new SharedCredentialsFile(CredentialsFilePath);
        if (file.TryGetProfile(name, out var profile) && AWSCredentialsFactory.TryGetAWSCredentials(profile, file, out var credentials))
        {
            resolved = new ResolvedCredentials(Wrap(credentials, profile), name, profile.Region?.SystemName);
            return true;
        }
        // The SDK's whole chain of stores (on Windows, the SDK store too).
        var chain = new CredentialProfileStoreChain();
        if (chain.TryGetProfile(name, out profile) && AWSCredentialsFactory.TryGetAWSCredentials(profile, chain, out credentials))
        {
            resolved = new ResolvedCredentials(Wrap(credentials, profile), name, profile.Region?.SystemName);
            return true;
        }
        return false;
    }

    /// <summary>A profile with role_arn and source_profile (not credential_source, not web identity): its source's credentials assume the role.</summary>
    private ResolvedCredentials? RoleChain(string name, int depth)
    {
        var chain = new CredentialProfileStoreChain();
        var file = new SharedCredentialsFile(CredentialsFilePath);
        if (!(file.TryGetProfile(name, out var profile) || chain.TryGetProfile(name, out profile)))
            return null;
        var options = profile.Options;
        if (string.IsNullOrEmpty(options.RoleArn) || string.IsNullOrEmpty(options.SourceProfile) || !string.IsNullOrEmpty(options.WebIdentityTokenFile))
            return null;
        if (options.SourceProfile == name || !TryProfile(options.SourceProfile, out var source, depth + 1))
            return null;
        var region = profile.Region?.SystemName ?? source!.Region ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";
        var sessionName = string.IsNullOrEmpty(options.RoleSessionName) ? "dotnet-boundary" : options.RoleSessionName;
        var sts = AwsServiceEndpoint.Resolve(AwsServiceInfo.Sts, region, null, environment);
        return new ResolvedCredentials(new RoleChainCredentials(source!.Credentials, options.RoleArn, sessionName, options.ExternalID, sts), name, profile.Region?.SystemName);
    }

    /// <summary>An SSO profile's credentials say "run 'aws sso login'" when the cached token is gone or expired.</summary>
    private static AWSCredentials Wrap(AWSCredentials credentials, CredentialProfile profile) =>
        !string.IsNullOrEmpty(profile.Options.SsoSession) || !string.IsNullOrEmpty(profile.Options.SsoStartUrl)
            ? new SsoProfileCredentials(credentials, profile.Name)
            : credentials;

    private ResolvedCredentials FromKeysFile(string path)
    {
        JsonFile file;
        try
        {
            file = JsonFile.Load(path);
        }
        catch (BoundaryException e)
        {
            throw new AwsServiceException("credentials", "resolve", AwsErrorCodes.Credentials, $"the keys file named by local-aws-info.json's awsConfigFilePath cannot be read: {e.Message}", inner: e);
        }
        var accessKey = file.GetString("accessKeyId");
        var secretKey = file.GetString("secretAccessKey");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            throw new AwsServiceException("credentials", "resolve", AwsErrorCodes.Credentials, $"{path} has no accessKeyId and secretAccessKey.");
        var token = file.GetString("sessionToken");
        AWSCredentials keys = string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
        var region = file.GetString("region");
        return new ResolvedCredentials(keys, $"keys file {path} (local-aws-info.json)", string.IsNullOrEmpty(region) ? null : region);
    }

    private string Home => environment("HOME") is { Length: > 0 } home ? home
        : environment("USERPROFILE") is { Length: > 0 } profile ? profile
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string CredentialsFilePath => environment(SharedCredentialsFile.SharedCredentialsFileEnvVar) is { Length: > 0 } path
        ? path
        : Path.Combine(Home, ".aws", "credentials");

    public string ConfigFilePath => environment(SharedCredentialsFile.SharedConfigFileEnvVar) is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetDirectoryName(CredentialsFilePath) ?? Home, "config");
}
