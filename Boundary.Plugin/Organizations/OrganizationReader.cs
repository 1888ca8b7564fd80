using System.Collections.Concurrent;
using Boundary.Aws;

namespace Boundary.Organizations;

/// <summary>
/// Walks an account's parents to the root and collects the SCPs attached at every level, each read once:
/// OUs and policies shared by many accounts cost one call each per run, so the calls grow with accounts
/// and pages, not with what is asked. Thread-safe (audit reads several accounts at once).
/// </summary>
public sealed class OrganizationReader(IOrganizationsClient organizations, string partition = "aws")
{
    /// <summary>Organizations allows five levels of OUs under the root; anything deeper is a loop in the answers.</summary>
    private const int MaxDepth = 10;

    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<OrganizationParent>>>> parents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<OrganizationPolicySummary>>>> attached = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<OrganizationPolicy>>> policies = new(StringComparer.Ordinal);
    private Lazy<Task<OrganizationInfo>>? organization;

    public IOrganizationsClient Client { get; } = organizations;

    public Task<OrganizationInfo> OrganizationAsync(CancellationToken cancellationToken = default) =>
        (organization ??= new Lazy<Task<OrganizationInfo>>(() => Client.DescribeOrganizationAsync(cancellationToken))).Value;

    public async Task<AccountRequirement> RequirementAsync(string account, CancellationToken cancellationToken = default)
    {
        var info = await OrganizationAsync(cancellationToken).ConfigureAwait(false);
        var levels = new List<(string Id, string Type)> { (account, "ACCOUNT") };
        var current = account;
        while (levels[^1].Type != "ROOT")
        {
            if (levels.Count > MaxDepth)
                throw new AwsServiceException("organizations", "ListParents", AwsErrorCodes.BadResponse, $"the parents of {account} go more than {MaxDepth} levels deep without reaching the root");
            var found = await Cached(parents, current, () => Client.ListParentsAsync(current, cancellationToken)).ConfigureAwait(false);
            if (found.Count == 0)
                break; // an account outside the organisation's tree: what is attached to it still counts
            var parent = found[0];
            if (levels.Any(l => l.Id == parent.Id))
                throw new AwsServiceException("organizations", "ListParents", AwsErrorCodes.BadResponse, $"the parents of {account} loop back to {parent.Id}");
            levels.Add((parent.Id, parent.Type));
            current = parent.Id;
        }

        var context = new ScpContext(account, info.Id, partition);
        var result = new List<OrganizationLevel>();
        var statements = new List<BoundaryStatement>();
        // From the root down, as a reader of the organisation's tree expects.
        foreach (var (id, type) in Enumerable.Reverse(levels))
        {
            var summaries = await Cached(attached, id, () => Client.ListPoliciesForTargetAsync(id, cancellationToken)).ConfigureAwait(false);
            result.Add(new OrganizationLevel(id, type, summaries));
            foreach (var summary in summaries)
            {
                var policy = await Cached(policies, summary.Id, () => Client.DescribePolicyAsync(summary.Id, cancellationToken)).ConfigureAwait(false);
                statements.AddRange(ScpAnalyzer.Analyze(summary.Id, summary.Name, $"{Describe(type)} {id}", policy.Content, context));
            }
        }
        return new AccountRequirement(account, info.Id, result, new BoundaryRequirement(account, statements));
    }

    private static string Describe(string type) => type switch
    {
        "ROOT" => "root",
        "ORGANIZATIONAL_UNIT" => "OU",
        "ACCOUNT" => "account",
        _ => type,
    };

    private static Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> load)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(load));
        var task = entry.Value;
        // A failed read is not kept: the next account asks again (and reports its own error).
        if (task.IsFaulted || task.IsCanceled)
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, entry));
        return task;
    }
}
