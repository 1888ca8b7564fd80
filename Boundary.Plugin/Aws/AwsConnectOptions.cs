using Amazon.Runtime;
using Boundary.Amplify;

namespace Boundary.Aws;

/// <summary>What a command knows about where to call AWS: the options it was given and, for an env, the project.</summary>
public sealed record AwsConnectOptions
{
    public string? Profile { get; init; }

    public string? Region { get; init; }

    public string? EndpointUrl { get; init; }

    /// <summary>With <see cref="Env"/>: read the env's local-aws-info entry and team-provider-info Region.</summary>
    public AmplifyProject? Project { get; init; }

    public string? Env { get; init; }

    /// <summary>Counts every query-protocol request the session's clients send (audit's --verbose and benchmark).</summary>
    public AwsCallCounter? Calls { get; init; }
}
