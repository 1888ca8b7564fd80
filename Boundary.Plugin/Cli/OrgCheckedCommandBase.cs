using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using McMaster.Extensions.CommandLineUtils;

namespace Boundary.Cli;

/// <summary>A command that writes an env's boundary and can first hold it against the organisation's SCPs (--check-org).</summary>
public abstract class OrgCheckedCommandBase(IConsole console, RunContext context, IAwsClientFactory aws) : ProjectCommandBase(console, context)
{
    [Option("--check-org", Description = "Compare the boundary with what the organisation's SCPs require for the env's account (a warning; with --strict an error, and nothing is written).")]
    public bool CheckOrg { get; set; }

    [Option("--org-profile <NAME>", Description = "The AWS profile to read the organisation with (management account or delegated administrator). Default: the env's credentials.")]
    public string? OrgProfile { get; set; }

    [Option("--strict", Description = "With --check-org: refuse a boundary the organisation would deny (exit 2), and fail (exit 4) when the organisation cannot be read.")]
    public bool Strict { get; set; }

    protected IAwsClientFactory Aws { get; } = aws;

    /// <summary>Only --check-org calls AWS.</summary>
    protected override bool CancelsOnCtrlC => CheckOrg;

    /// <summary>With --check-org, the check to run on (env, boundary about to be written) before anything is written; else null.</summary>
    protected Func<string, string?, CancellationToken, Task>? OrgGuard(AmplifyProject project)
    {
        if (!CheckOrg)
            return null;
        var guard = new OrganizationGuard(Aws, Output, OrgProfile, Strict);
        return (env, boundary, cancellationToken) => guard.CheckAsync(new AwsConnectOptions { Project = project, Env = env }, env, boundary, cancellationToken);
    }
}
