using Boundary.Aws;
using Boundary.Core;
using Boundary.Organizations;

namespace Boundary.Cli;

/// <summary>
/// --check-org and verify --org: the env's boundary held against what the organisation's SCPs require
/// for its account. A problem is a warning; with --strict it refuses the change (exit 2; verify: exit 1),
/// and an organisation that cannot be read is an error (exit 4) instead of a warning.
/// </summary>
public sealed class OrganizationGuard(IAwsClientFactory aws, IOutput output, string? orgProfile, bool strict)
{
    /// <summary>The requirement for the env's account, or null (with a warning) when it cannot be read and --strict is off.</summary>
    public async Task<AccountRequirement?> ReadAsync(AwsConnectOptions env, string? account, CancellationToken cancellationToken)
    {
        try
        {
            return await new RequirementsRunner(aws).RunAsync(new RequirementsRequest { Env = env, OrgProfile = orgProfile, Account = account }, cancellationToken).ConfigureAwait(false);
        }
        catch (BoundaryException e) when (e.ExitCode == ExitCodes.Aws)
        {
            if (strict)
                throw BoundaryException.Aws($"the organisation's requirement could not be read: {e.Message} --strict makes this an error; nothing was changed.", e);
            output.Warn($"the organisation's requirement could not be read, so the boundary was not checked against it: {e.Message}");
            return null;
        }
    }

    /// <summary>Warns about each problem; with --strict throws (nothing written yet) when the boundary would be denied.</summary>
    /// <returns>The problems found (empty when none, or when the organisation could not be read).</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(AwsConnectOptions env, string envName, string? boundary, CancellationToken cancellationToken, int strictExitCode = ExitCodes.Usage)
    {
        if (await ReadAsync(env, null, cancellationToken).ConfigureAwait(false) is not { } requirement)
            return [];
        var problems = OrganizationCheck.Problems(requirement, envName, boundary);
        if (strict && requirement.Requirement.Violations(boundary).Count > 0)
            throw new BoundaryException(strictExitCode, problems[0] + " --strict makes this an error; nothing was changed.");
        foreach (var problem in problems)
            output.Warn(problem);
        return problems;
    }

    /// <summary>What the organisation requires for <paramref name="account"/>, or null (never throws: a default to offer, not a check).</summary>
    public async Task<string?> RequiredArnForAsync(AwsConnectOptions env, string account, CancellationToken cancellationToken)
    {
        try
        {
            var requirement = await new RequirementsRunner(aws).RunAsync(new RequirementsRequest { Env = env, OrgProfile = orgProfile, Account = account }, cancellationToken).ConfigureAwait(false);
            return requirement.Requirement.RequiredArn;
        }
        catch (BoundaryException)
        {
            return null;
        }
    }
}
