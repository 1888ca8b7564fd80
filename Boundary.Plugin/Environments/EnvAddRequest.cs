using Boundary.Aws;

namespace Boundary.Environments;

public sealed record EnvAddRequest
{
    public required string Env { get; init; }

    /// <summary>The source env; default the current one.</summary>
    public string? From { get; init; }

    /// <summary>null: not given; "": explicitly none; else an ARN.</summary>
    public string? PermissionsBoundary { get; init; }

    public bool Strict { get; init; }

    /// <summary>
    /// Write the env's entry even when the Amplify CLI has not created the env yet. Off by default: the
    /// host's own 'env add' fails for an env that team-provider-info already lists.
    /// </summary>
    public bool CreateEntry { get; init; }

    public AwsConnectOptions Aws { get; init; } = new();

    /// <summary>The options to repeat in a suggested command (--project-dir, --profile, ...), already quoted.</summary>
    public IReadOnlyList<string> RepeatOptions { get; init; } = [];

    /// <summary>
    /// --check-org: called with the env and the boundary about to be written (null: none) before anything
    /// is written; it warns, or throws to refuse the change.
    /// </summary>
    public Func<string, string?, CancellationToken, Task>? Guard { get; init; }

    /// <summary>The boundary the organisation requires for roles in an account, when known: offered first when the source's cannot be used.</summary>
    public Func<string, CancellationToken, Task<string?>>? OrganizationArnFor { get; init; }
}
