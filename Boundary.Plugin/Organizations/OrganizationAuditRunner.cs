using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using Boundary.Amplify;
using Boundary.Audit;
using Boundary.Aws;
using Boundary.Core;

namespace Boundary.Organizations;

/// <summary>
/// <c>audit --organization</c>: for every ACTIVE account of the organisation, enter it (the management
/// account as it is, the others through <see cref="OrganizationAuditRequest.RoleName"/>), find the Amplify
/// root stacks of each region, walk them and judge every role against the account's expected boundary.
/// Accounts run a few at a time; one that cannot be entered is reported and the others go on. Each
/// account becomes one <see cref="EnvAudit"/> (named by its id), so the audit's JSON and SARIF apply.
/// </summary>
public sealed class OrganizationAuditRunner(IAwsClientFactory aws, IAuditProgress? progress = null)
{
    public static readonly IReadOnlyList<string> RootStackDescriptions = ["Root Stack for AWS Amplify CLI", "Root Stack for AWS Amplify Console"];

    public const string RequiredPermissions =
        "in the management account organizations:ListAccounts, organizations:DescribeOrganization, organizations:ListParents, organizations:ListPoliciesForTarget, organizations:DescribePolicy and sts:AssumeRole on the member role; " +
        "in each member role cloudformation:ListStacks, cloudformation:ListStackResources, iam:GetAccountAuthorizationDetails and iam:GetRole (iam:PutRolePermissionsBoundary for --fix)";

    private readonly IAuditProgress progress = progress ?? NoProgress.Instance;

    /// <summary>What was found per account besides its <see cref="EnvAudit"/>, by account id.</summary>
    public ConcurrentDictionary<string, OrganizationAccountContext> Accounts { get; } = new(StringComparer.Ordinal);

    public async Task<AuditReport> RunAsync(OrganizationAuditRequest request, Func<string, bool>? confirm, CancellationToken cancellationToken = default)
    {
        if (request.Arn is not null)
            PolicyArn.Parse(request.Arn.Replace(OrganizationAuditRequest.AccountIdVariable, "123456789012", StringComparison.Ordinal), "--arn");
        foreach (var id in request.Accounts ?? [])
            RequirementsRunner.ValidAccount(id);
        if (request.RoleName.Length == 0 || request.RoleName.Any(c => !(char.IsAsciiLetterOrDigit(c) || "+=,.@_-/".Contains(c))))
            throw BoundaryException.Usage($"--role-name '{request.RoleName}' is not an IAM role name.");

        var clock = Stopwatch.StartNew();
        var calls = request.Aws.Calls ?? new AwsCallCounter();
        IAwsSession session;
        try
        {
            session = aws.Connect(request.Aws with { Calls = calls });
        }
        catch (AwsServiceException e)
        {
            throw BoundaryException.Aws($"no usable AWS credentials for the organisation: {e.ErrorMessage}", e);
        }
        string management;
        IReadOnlyList<OrganizationAccount> members;
        try
        {
            management = (await session.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false)).Account;
            members = await session.Organizations.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw BoundaryException.Aws(OrganizationPermissions.Describe(e, session.CredentialSource), e);
        }

        var wanted = request.Accounts is null ? null : new HashSet<string>(request.Accounts, StringComparer.Ordinal);
        var targets = members.Where(a => a.IsActive && (wanted is null || wanted.Contains(a.Id))).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var audits = new List<EnvAudit>();
        foreach (var missing in wanted?.Where(id => !members.Any(m => m.Id == id && m.IsActive)) ?? [])
            audits.Add(new EnvAudit(missing) { Account = missing, Error = $"account {missing} is not an ACTIVE account of the organisation (--accounts)", ErrorCode = "NotInOrganization" });

        var reader = new OrganizationReader(session.Organizations, session.Partition.Name);
        var regions = request.Regions is { Count: > 0 } r ? r : [session.Region];
        using var gate = new SemaphoreSlim(Math.Max(1, request.MaxAccounts));
        var results = await Task.WhenAll(targets.Select(async account =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AuditAccountAsync(request, session, reader, management, account, regions, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        audits.AddRange(results);
        audits.Sort((a, b) => string.CompareOrdinal(a.Env, b.Env));
        progress.Finish();

        var report = new AuditReport(audits, calls, clock.Elapsed);
        var fixable = audits.Where(a => a.Error is null && Accounts.TryGetValue(a.Env, out var c) && c.FixArn is not null)
            .SelectMany(a => a.Roles.Where(role => role.IsFixable).Select(role => (a, role))).ToList();
        if (!request.Fix || fixable.Count == 0)
            return report with { Elapsed = clock.Elapsed };
        if (confirm is not null && !confirm(FixConfirmation.Question(fixable, "account", withStack: true)))
            return report with { FixDeclined = true, Elapsed = clock.Elapsed };

        var fixedAudits = new List<EnvAudit>();
        foreach (var audit in audits)
        {
            if (audit.Error is not null || !audit.Roles.Any(role => role.IsFixable) || !Accounts.TryGetValue(audit.Env, out var context) || context.FixArn is null || context.Auditor is null)
            {
                fixedAudits.Add(audit);
                continue;
            }
            var done = await context.Auditor.FixAsync(audit with { ExpectedBoundary = context.FixArn }, e => $"account {audit.Env}: {e.ErrorCode}: {e.ErrorMessage}", cancellationToken).ConfigureAwait(false);
            fixedAudits.Add(done with { ExpectedBoundary = audit.ExpectedBoundary });
        }
        progress.Finish();
        return report with { Envs = fixedAudits, FixApplied = true, Elapsed = clock.Elapsed };
    }

    private async Task<EnvAudit> AuditAccountAsync(
        OrganizationAuditRequest request, IAwsSession session, OrganizationReader reader, string management,
        OrganizationAccount account, IReadOnlyList<string> regions, CancellationToken cancellationToken)
    {
        var id = account.Id;
        var notes = new List<string>();
        string expected;
        string source;
        string? fixArn;
        Func<string, bool> accepts;
        if (request.Arn is not null)
        {
            expected = request.Arn.Replace(OrganizationAuditRequest.AccountIdVariable, id, StringComparison.Ordinal);
            source = "--arn";
            fixArn = expected;
            accepts = actual => string.Equals(actual, expected, StringComparison.Ordinal);
        }
        else
        {
            try
            {
                var requirement = (await reader.RequirementAsync(id, cancellationToken).ConfigureAwait(false)).Requirement;
                if (requirement.RequiresBoundary)
                {
                    expected = requirement.Summary;
                    source = "SCP " + string.Join(", ", requirement.Requiring.Select(s => s.PolicyName).Distinct(StringComparer.Ordinal));
                    fixArn = requirement.RequiredArn;
                    accepts = actual => requirement.Violations(actual).Count == 0;
                }
                else
                {
                    (expected, source, fixArn, accepts) = ("any boundary", "no SCP requires one", null, _ => true);
                }
                foreach (var statement in requirement.UndecidableStatements)
                    notes.Add($"cannot decide {statement.Origin}: {statement.Undecidable}");
            }
            catch (AwsServiceException e)
            {
                (expected, source, fixArn, accepts) = ("any boundary", "the SCPs could not be read", null, _ => true);
                notes.Add($"the SCPs could not be read ({OrganizationPermissions.Describe(e, session.CredentialSource)}): any boundary is accepted");
            }
        }
        if (request.Fix && fixArn is null)
            notes.Add("--fix needs one boundary ARN for this account (the expectation is a rule, not an ARN): pass --arn (it may hold ${AccountId}).");

        IAwsSession entered;
        string credentialSource;
        if (id == management)
        {
            entered = session;
            credentialSource = session.CredentialSource;
        }
        else
        {
            var roleArn = $"arn:{session.Partition.Name}:iam::{id}:role/{request.RoleName}";
            try
            {
                progress.Stage(id, "assuming role");
                var credentials = await session.Sts.AssumeRoleAsync(roleArn, "dotnet-boundary-audit", cancellationToken).ConfigureAwait(false);
                credentialSource = $"role {roleArn}";
                entered = session.WithCredentials(credentials, credentialSource);
            }
            catch (AwsServiceException e)
            {
                return new EnvAudit(id)
                {
                    Account = id,
                    ExpectedBoundary = expected,
                    Error = $"account {id} ({account.Name}): cannot assume {roleArn}: {e.ErrorCode}: {e.ErrorMessage}. The organisation's credentials need sts:AssumeRole on it, and the role must trust them; pass --role-name when the accounts use another role.",
                    ErrorCode = e.ErrorCode,
                    Notes = notes,
                };
            }
        }

        var deployed = new List<DeployedRole>();
        var roots = new List<string>();
        var stacks = 0;
        RoleAuditor? iamAuditor = null;
        try
        {
            foreach (var region in regions)
            {
                var regional = region == entered.Region ? entered : entered.WithCredentials(entered.Credentials, credentialSource, region);
                var auditor = new RoleAuditor(regional.CloudFormation, regional.Iam, progress) { MaxConcurrency = request.MaxConcurrency };
                iamAuditor ??= auditor;
                progress.Stage(id, $"listing stacks in {region}");
                string? token = null;
                var found = new List<StackSummary>();
                do
                {
                    var page = await regional.CloudFormation.ListStacksAsync(token, cancellationToken).ConfigureAwait(false);
                    found.AddRange(page.Items.Where(IsAmplifyRoot));
                    token = page.Next;
                }
                while (token is not null);
                foreach (var root in found)
                {
                    roots.Add(region == regions[0] ? root.StackName : $"{root.StackName} ({region})");
                    var (roles, walked, walkNotes) = await auditor.FindRolesAsync(new EnvTarget(id, root.StackId, expected, []), cancellationToken).ConfigureAwait(false);
                    deployed.AddRange(roles);
                    stacks += walked;
                    notes.AddRange(walkNotes);
                }
            }
            IReadOnlyDictionary<string, IamRole?> read = new Dictionary<string, IamRole?>();
            if (deployed.Count > 0)
            {
                var (found, readNotes) = await iamAuditor!.ReadRolesAsync(id, deployed.Select(d => d.RoleName).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), cancellationToken).ConfigureAwait(false);
                read = found;
                notes.AddRange(readNotes);
            }
            Accounts[id] = new OrganizationAccountContext(account.Name, source, fixArn, iamAuditor);
            return new EnvAudit(id)
            {
                Account = id,
                StackName = roots.Count == 0 ? null : string.Join(", ", roots),
                ExpectedBoundary = expected,
                Region = string.Join(", ", regions),
                CredentialSource = credentialSource,
                Stacks = stacks,
                Roles = deployed.Select(d => RoleAuditor.Judge(d, read.TryGetValue(d.RoleName, out var role) ? role : null, expected, accepts)).ToList(),
                Notes = notes,
            };
        }
        catch (AwsServiceException e)
        {
            Accounts[id] = new OrganizationAccountContext(account.Name, source, null, null);
            return new EnvAudit(id)
            {
                Account = id,
                ExpectedBoundary = expected,
                CredentialSource = credentialSource,
                Error = $"account {id} ({account.Name}): {e.Service}:{e.Operation} failed with {credentialSource}: {e.ErrorCode}: {e.ErrorMessage}. The member role needs {RequiredPermissions.Split("; ")[1]}.",
                ErrorCode = e.ErrorCode,
                Notes = notes,
            };
        }
    }

    /// <summary>A root stack the host made: no parent, and the host's own description.</summary>
    public static bool IsAmplifyRoot(StackSummary stack) =>
        !stack.IsNested && stack.TemplateDescription is { } description
        && RootStackDescriptions.Any(d => description.StartsWith(d, StringComparison.Ordinal));
}
