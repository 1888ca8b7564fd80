using System.Diagnostics;
using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Json;

namespace Boundary.Audit;

/// <summary>
/// Runs <c>audit</c>: works out each env's root stack and expected boundary from team-provider-info,
/// audits each env with its own credentials (so <c>--all-envs</c> spans accounts), then with
/// <see cref="AuditRequest.Fix"/> asks once for every role to change and changes them.
/// </summary>
public sealed class AuditRunner(AmplifyProject project, IAwsClientFactory aws, IAuditProgress? progress = null)
{
    public const string RequiredPermissions = "cloudformation:ListStackResources, iam:GetAccountAuthorizationDetails and iam:GetRole (iam:PutRolePermissionsBoundary for --fix)";

    public const string DriftWarning =
        "The changed roles now differ from their stacks' templates (CloudFormation drift detection shows it) until the next push; " +
        "push with the boundary set in team-provider-info (the host then adds it to every role of the templates) so that the next stack update keeps it.";

    private readonly IAuditProgress progress = progress ?? NoProgress.Instance;

    /// <param name="confirm">Asked once with the roles to change when --fix finds any; null means --yes.</param>
    public async Task<AuditReport> RunAsync(AuditRequest request, Func<string, bool>? confirm, CancellationToken cancellationToken = default)
    {
        if (request.AllEnvs && !string.IsNullOrEmpty(request.Env))
            throw BoundaryException.Usage("--env and --all-envs exclude each other.");
        if (request.AllEnvs && request.Arn is not null)
            throw BoundaryException.Usage("--arn applies to one env (each env's boundary names its own account); drop --all-envs or --arn.");
        var arn = request.Arn is null ? null : PolicyArn.Parse(request.Arn).ToString();

        var clock = Stopwatch.StartNew();
        var teamProviderInfo = project.LoadTeamProviderInfo();
        var envs = request.AllEnvs ? AmplifyProject.EnvNames(teamProviderInfo) : [project.ResolveEnv(request.Env, teamProviderInfo)];
        if (envs.Count == 0)
            throw BoundaryException.Usage($"{project.TeamProviderInfoPath} has no envs to audit.");
        var targets = envs.Select(env => Target(teamProviderInfo, env, arn, single: !request.AllEnvs)).ToList();

        var calls = request.Aws.Calls ?? new AwsCallCounter();
        var sessions = new Dictionary<string, (IAwsSession Session, RoleAuditor Auditor)>();
        var audits = new List<EnvAudit>();
        foreach (var (env, target, skipped) in targets)
        {
            if (target is null)
            {
                audits.Add(new EnvAudit(env) { Skipped = skipped, ExpectedBoundary = BoundarySettings.Read(teamProviderInfo, env) });
                continue;
            }
            IAwsSession? session = null;
            try
            {
                session = aws.Connect(request.Aws with { Project = project, Env = env, Calls = calls });
                var auditor = new RoleAuditor(session.CloudFormation, session.Iam, progress)
                {
                    MaxConcurrency = request.MaxConcurrency,
                    BulkThreshold = request.BulkThreshold,
                };
                sessions[env] = (session, auditor);
                var audit = await auditor.AuditAsync(target, cancellationToken).ConfigureAwait(false);
                audits.Add(audit with { Region = session.Region, CredentialSource = session.CredentialSource });
            }
            catch (AwsServiceException e)
            {
                audits.Add(new EnvAudit(env)
                {
                    StackName = target.StackName,
                    ExpectedBoundary = target.ExpectedBoundary,
                    Region = session?.Region,
                    CredentialSource = session?.CredentialSource,
                    Error = Describe(e, env, session, target.StackName),
                    ErrorCode = e.ErrorCode,
                });
            }
        }

        var report = new AuditReport(audits, calls, clock.Elapsed);
        var fixable = audits.Where(a => a.Error is null).SelectMany(a => a.Roles.Where(r => r.IsFixable).Select(r => (a, r))).ToList();
        if (!request.Fix || fixable.Count == 0)
        {
            progress.Finish();
            return report with { Elapsed = clock.Elapsed };
        }

        progress.Finish();
        RefuseRolesOfSeveralEnvs(audits);
        if (confirm is not null && !confirm(FixConfirmation.Question(fixable, "env", withStack: false)))
            return report with { FixDeclined = true, Elapsed = clock.Elapsed };

        var fixedAudits = new List<EnvAudit>(audits.Count);
        foreach (var audit in audits)
        {
            if (audit.Error is not null || !audit.Roles.Any(r => r.IsFixable))
            {
                fixedAudits.Add(audit);
                continue;
            }
            var (session, auditor) = sessions[audit.Env];
            fixedAudits.Add(await auditor.FixAsync(audit, e => Describe(e, audit.Env, session, null), cancellationToken).ConfigureAwait(false));
        }
        progress.Finish();
        return report with { Envs = fixedAudits, FixApplied = true, Elapsed = clock.Elapsed };
    }


    /// <summary>
    /// One role audited for two envs with different boundaries (team-provider-info giving them one
    /// StackName, or one env's role name to another): --fix would put each env's boundary on it in turn, and report both as fixed while IAM
    /// keeps only the last. Refused before anything is changed.
    /// </summary>
    private static void RefuseRolesOfSeveralEnvs(IReadOnlyList<EnvAudit> audits)
    {
        // A role two envs claim with one boundary gets that boundary either way: only differing ones clash.
        var owner = new Dictionary<string, EnvAudit>(StringComparer.Ordinal);
        foreach (var audit in audits.Where(a => a.Error is null))
            foreach (var role in audit.Roles)
                if (role.RoleArn is { } arn && !owner.TryAdd(arn, audit) && owner[arn].ExpectedBoundary != audit.ExpectedBoundary)
                    throw BoundaryException.File($"{Text.Printable.Of(arn)} is a role of env '{Text.Printable.Of(owner[arn].Env)}' and of env '{Text.Printable.Of(audit.Env)}' (team-provider-info gives them the same stack or role names), so --fix cannot give it each env's boundary. Nothing was changed. Correct team-provider-info, or fix one env at a time with --env, and run again.");
    }

    /// <summary>The env's target, or why it is skipped (--all-envs) / a usage error (one env).</summary>
    private static (string Env, EnvTarget? Target, string? Skipped) Target(JsonFile teamProviderInfo, string env, string? arn, bool single)
    {
        string? Provider(string key) => teamProviderInfo.GetString(env, AmplifyProject.ProviderKey, key) is { Length: > 0 } value ? value : null;
        var expected = arn ?? BoundarySettings.Read(teamProviderInfo, env);
        if (expected is null)
        {
            if (single)
                throw BoundaryException.Usage($"Env '{env}' has no permissions boundary in team-provider-info, so there is nothing to audit against. Set one with 'dotnet boundary set <arn> --env {env}', or pass --arn <arn>.");
            return (env, null, "no permissions boundary in team-provider-info");
        }
        if (arn is null)
            PolicyArn.Parse(expected, $"stored permissions boundary of env '{env}'");
        var stack = Provider("StackName");
        if (stack is null)
        {
            if (single)
                throw BoundaryException.Usage($"Env '{env}' has no StackName in team-provider-info: it has not been deployed ('amplify init' / 'amplify push'), so there are no roles to audit.");
            return (env, null, "no StackName in team-provider-info (not deployed)");
        }
        var named = new List<(string, string)>();
        foreach (var key in new[] { "AuthRoleName", "UnauthRoleName" })
            if (Provider(key) is { } name)
                named.Add((key, name));
        return (env, new EnvTarget(env, stack, expected, named), null);
    }

    /// <summary>An AWS failure as the user can act on it: AccessDenied names the permission the call needed.</summary>
    public static string Describe(AwsServiceException e, string env, IAwsSession? session, string? stackName)
    {
        var who = session is null ? "" : $" (credentials: {session.CredentialSource}; region {session.Region})";
        var permission = $"{e.Service}:{e.Operation}";
        var request = e.RequestId is null ? "" : $" (request id {e.RequestId})";
        return e.ErrorCode switch
        {
            AwsErrorCodes.AccessDenied or "AccessDeniedException" or "UnauthorizedOperation" =>
                $"env '{env}': AccessDenied: the env's credentials{who} may not call {permission}: {e.ErrorMessage}{request}. Grant {permission}; audit needs {RequiredPermissions}.",
            "ValidationError" when e.Operation == "ListStackResources" && stackName is not null && e.ErrorMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase) =>
                $"env '{env}': the root stack '{stackName}' does not exist{who}: {e.ErrorMessage}{request}. Are these the env's account and region, and is the env deployed?",
            AwsErrorCodes.Credentials =>
                $"env '{env}': no usable AWS credentials: {e.ErrorMessage}. Pass --profile, or set the env's entry in amplify/.config/local-aws-info.json.",
            _ when e.IsThrottling =>
                $"env '{env}': {permission} was still throttled after every retry with backoff: {e.ErrorMessage}{request}. Retry later, or raise AWS_MAX_ATTEMPTS.",
            _ => $"env '{env}': {e.Message}{request}{(who.Length > 0 ? who : "")}",
        };
    }
}
