using System.Collections.Concurrent;
using Boundary.Aws;

namespace Boundary.Audit;

/// <summary>
/// Audits one env with one set of credentials: lists the roles its stacks deployed (ListStackResources
/// through every nested stack), reads their boundaries in bulk, compares, and with <see cref="FixAsync"/>
/// puts the boundary on the roles that lack it. Every call goes through one gate of
/// <see cref="MaxConcurrency"/> slots; throttled calls are retried with backoff by the query client.
/// </summary>
public sealed class RoleAuditor(ICloudFormationClient cloudFormation, IIamClient iam, IAuditProgress? progress = null)
{
    /// <summary>Below this many roles, one GetRole per role costs fewer calls than scanning the account.</summary>
    public const int DefaultBulkThreshold = 10;

    /// <summary>IAM's largest page for GetAccountAuthorizationDetails.</summary>
    public const int AccountPageSize = 1000;

    private readonly IAuditProgress progress = progress ?? NoProgress.Instance;

    public int MaxConcurrency { get; init; } = 8;

    public int BulkThreshold { get; init; } = DefaultBulkThreshold;

    public int? PageSize { get; init; } = AccountPageSize;

    /// <summary>The roles of the env's stacks, and the number of stacks listed.</summary>
    public async Task<(IReadOnlyList<DeployedRole> Roles, int Stacks, IReadOnlyList<string> Notes)> FindRolesAsync(
        EnvTarget target, CancellationToken cancellationToken = default)
    {
        using var gate = new SemaphoreSlim(MaxConcurrency);
        var roles = new ConcurrentDictionary<string, DeployedRole>(StringComparer.OrdinalIgnoreCase);
        var visited = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var notes = new ConcurrentQueue<string>();
        var stacks = 0;

        async Task WalkAsync(string stackId)
        {
            if (!visited.TryAdd(stackId, true))
                return;
            var resources = new List<StackResourceSummary>();
            string? token = null;
            do
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                AwsPage<StackResourceSummary> page;
                try
                {
                    page = await cloudFormation.ListStackResourcesAsync(stackId, token, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
                resources.AddRange(page.Items);
                token = page.Next;
            }
            while (token is not null);

            var stackName = StackNameOf(stackId);
            foreach (var resource in resources)
            {
                if (resource.ResourceStatus == "DELETE_COMPLETE")
                    continue;
                if (resource.PhysicalResourceId is null)
                {
                    if (resource.ResourceType is StackResourceSummary.RoleType or StackResourceSummary.StackType)
                        notes.Enqueue($"{resource.ResourceType} {resource.LogicalResourceId} in stack {stackName} has no physical id ({resource.ResourceStatus ?? "no status"}): skipped.");
                    continue;
                }
                if (resource.ResourceType == StackResourceSummary.RoleType)
                    roles.TryAdd(resource.PhysicalResourceId, new DeployedRole(resource.PhysicalResourceId, stackName, stackId, resource.LogicalResourceId));
            }
            progress.StacksListed(target.Env, Interlocked.Increment(ref stacks), roles.Count);
            await Task.WhenAll(resources
                .Where(r => r.ResourceType == StackResourceSummary.StackType && r.PhysicalResourceId is not null && r.ResourceStatus != "DELETE_COMPLETE")
                .Select(r => WalkAsync(r.PhysicalResourceId!))).ConfigureAwait(false);
        }

        progress.Stage(target.Env, "listing stacks");
        await WalkAsync(target.StackName).ConfigureAwait(false);
        foreach (var (key, name) in target.NamedRoles)
            roles.TryAdd(name, new DeployedRole(name, null, null, key));
        var ordered = roles.Values
            .OrderBy(r => r.Stack is null ? 1 : 0)
            .ThenBy(r => r.Stack, StringComparer.Ordinal)
            .ThenBy(r => r.LogicalId, StringComparer.Ordinal)
            .ToList();
        return (ordered, stacks, notes.ToList());
    }

    /// <summary>
    /// The IAM role of each name (null: no such role). Many roles: GetAccountAuthorizationDetails
    /// (Filter=Role) page by page until every name has been seen, then GetRole for those it did not
    /// return (a role created or renamed meanwhile, or truly gone). A handful: GetRole each. When
    /// GetAccountAuthorizationDetails is denied, every role is read with GetRole and a note says so.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, IamRole?> Roles, IReadOnlyList<string> Notes)> ReadRolesAsync(
        string env, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var found = new ConcurrentDictionary<string, IamRole?>(StringComparer.OrdinalIgnoreCase);
        var notes = new List<string>();
        var wanted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        var bulkDenied = false;
        progress.Stage(env, "reading boundaries");
        if (wanted.Count >= BulkThreshold)
        {
            try
            {
                string? marker = null;
                var scanned = 0;
                do
                {
                    var page = await iam.GetAccountAuthorizationDetailsRolesAsync(marker, PageSize, cancellationToken).ConfigureAwait(false);
                    foreach (var role in page.Items)
                        if (wanted.Contains(role.Name))
                            found[role.Name] = role;
                    scanned += page.Items.Count;
                    progress.RolesScanned(env, scanned);
                    progress.BoundariesRead(env, found.Count, wanted.Count);
                    marker = page.Next;
                }
                while (marker is not null && found.Count < wanted.Count); // every role seen: the rest of the account does not matter
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.AccessDenied)
            {
                bulkDenied = true;
                notes.Add($"iam:GetAccountAuthorizationDetails was denied ({e.ErrorMessage}), so each role was read with iam:GetRole: {wanted.Count} calls instead of one per {AccountPageSize} roles of the account.");
            }
        }

        var rest = wanted.Where(n => !found.ContainsKey(n)).ToList();
        using var gate = new SemaphoreSlim(MaxConcurrency);
        var done = found.Count;
        await Task.WhenAll(rest.Select(async name =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                found[name] = await iam.GetRoleAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.NoSuchEntity)
            {
                found[name] = null;
            }
            catch (AwsServiceException e) when (e.ErrorCode == AwsErrorCodes.AccessDenied && bulkDenied)
            {
                // Both ways of reading a boundary are closed: say so, or the user grants GetRole and meets the other.
                throw new AwsServiceException(e.Service, e.Operation, e.ErrorCode,
                    e.ErrorMessage + " (iam:GetAccountAuthorizationDetails, the bulk read, was denied as well)", e.StatusCode, e.RequestId, e);
            }
            finally
            {
                gate.Release();
            }
            progress.BoundariesRead(env, Interlocked.Increment(ref done), wanted.Count);
        })).ConfigureAwait(false);
        return (found, notes);
    }

    /// <summary>Lists the env's roles, reads their boundaries and compares each with the expected one.</summary>
    public async Task<EnvAudit> AuditAsync(EnvTarget target, CancellationToken cancellationToken = default)
    {
        var (deployed, stacks, walkNotes) = await FindRolesAsync(target, cancellationToken).ConfigureAwait(false);
        var (roles, readNotes) = await ReadRolesAsync(target.Env, deployed.Select(r => r.RoleName).ToList(), cancellationToken).ConfigureAwait(false);
        var audits = deployed.Select(d => Judge(d, roles.TryGetValue(d.RoleName, out var role) ? role : null, target.ExpectedBoundary, target.Accepts)).ToList();
        return new EnvAudit(target.Env)
        {
            StackName = target.StackName,
            ExpectedBoundary = target.ExpectedBoundary,
            Account = audits.Select(a => a.RoleArn?.Split(':') is { Length: > 4 } parts ? parts[4] : null).FirstOrDefault(a => a is not null),
            Stacks = stacks,
            Roles = audits,
            Notes = [.. walkNotes, .. readNotes],
        };
    }

    public static RoleAudit Judge(DeployedRole deployed, IamRole? role, string expected, Func<string, bool>? accepts = null)
    {
        accepts ??= actual => string.Equals(actual, expected, StringComparison.Ordinal);
        if (role is null)
            return new RoleAudit(deployed, RoleStatus.NotFound, null, null, null);
        var status = role.IsServiceLinked ? RoleStatus.ServiceLinked
            : role.PermissionsBoundaryArn is null ? RoleStatus.Missing
            : accepts(role.PermissionsBoundaryArn) ? RoleStatus.Ok
            : RoleStatus.Different;
        return new RoleAudit(deployed, status, role.Arn, role.Path, role.PermissionsBoundaryArn);
    }

    /// <summary>
    /// Puts <see cref="EnvAudit.ExpectedBoundary"/> on every missing or different role (never a
    /// service-linked one, never a role that was not found). A refused call marks that role and the
    /// others go on.
    /// </summary>
    public async Task<EnvAudit> FixAsync(EnvAudit audit, Func<AwsServiceException, string> describe, CancellationToken cancellationToken = default)
    {
        var expected = audit.ExpectedBoundary ?? throw new InvalidOperationException("an env without an expected boundary cannot be fixed");
        var total = audit.Roles.Count(r => r.IsFixable);
        var done = 0;
        using var gate = new SemaphoreSlim(MaxConcurrency);
        progress.Stage(audit.Env, "fixing");
        var roles = await Task.WhenAll(audit.Roles.Select(async role =>
        {
            if (!role.IsFixable || role.Path?.StartsWith("/aws-service-role/", StringComparison.Ordinal) == true)
                return role;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await iam.PutRolePermissionsBoundaryAsync(role.Role.RoleName, expected, cancellationToken).ConfigureAwait(false);
                return role with { Fixed = true };
            }
            catch (AwsServiceException e)
            {
                return role with { FixError = describe(e) };
            }
            finally
            {
                gate.Release();
                progress.Fixed(audit.Env, Interlocked.Increment(ref done), total);
            }
        })).ConfigureAwait(false);
        return audit with { Roles = roles };
    }

    /// <summary>The stack's name from its ARN (<c>arn:aws:cloudformation:region:account:stack/NAME/id</c>), else the id as given.</summary>
    public static string StackNameOf(string stackId)
    {
        if (!stackId.StartsWith("arn:", StringComparison.Ordinal))
            return stackId;
        var resource = stackId.Split(':', 6) is { Length: 6 } parts ? parts[5] : stackId;
        var segments = resource.Split('/');
        return segments.Length >= 2 && segments[0] == "stack" ? segments[1] : stackId;
    }
}
