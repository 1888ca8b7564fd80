using System.Text.RegularExpressions;
using Boundary.Amplify;
using Boundary.Aws;
using Boundary.Core;
using Boundary.Text;

namespace Boundary.Environments;

/// <summary>
/// The env lifecycle: <c>init</c>, <c>env add</c> (the Amplify CLI's carry-over rules, checked against
/// the new env's account) and <c>env update</c>. Talks to people only through
/// <see cref="IPrompter"/> (null when nobody can answer).
/// </summary>
public sealed class EnvLifecycle(AmplifyProject project, IAwsClientFactory aws, IPrompter? prompter)
{
    public const string HostRequiredMessage = "A permissions boundary ARN must be specified using --permissions-boundary";
    private const int MaxPromptAttempts = 5;

    private readonly BoundarySettings settings = new(project);

    /// <summary>The host's rule for env names: 2-10 lowercase letters.</summary>
    public static void ValidateEnvName(string name)
    {
        if (!Regex.IsMatch(name, @"^[a-z]{2,10}\z", RegexOptions.CultureInvariant))
            throw BoundaryException.Usage($"'{Text.Printable.Of(name)}' is not a valid env name: the Amplify CLI allows 2 to 10 lowercase letters (a-z).");
    }

    /// <summary>
    /// <c>init --permissions-boundary</c>: the env gets the ARN; never prompts. An env the host has not
    /// created yet gets its entry only with <paramref name="createEntry"/> (see <see cref="NotCreatedByHostYet"/>).
    /// </summary>
    public async Task<BoundaryChange> InitAsync(string? env, string arn, bool createEntry = false, Func<string, string?, CancellationToken, Task>? guard = null, CancellationToken cancellationToken = default)
    {
        if (arn.Length > 0)
            PolicyArn.Parse(arn);
        var name = env;
        if (string.IsNullOrEmpty(name))
        {
            name = project.CurrentEnv();
            if (name is null && File.Exists(project.TeamProviderInfoPath))
                name = settings.ResolveEnv(null);
        }
        if (string.IsNullOrEmpty(name))
            throw BoundaryException.Usage($"No env to initialise: {project.LocalEnvInfoPath} names none. Pass --env <name>.");
        ValidateEnvName(name);
        var known = File.Exists(project.TeamProviderInfoPath) ? AmplifyProject.EnvNames(project.LoadTeamProviderInfo()) : [];
        if (!known.Contains(name) && !createEntry && arn.Length > 0)
            throw NotCreatedByHostYet(name, arn, $"Permissions boundary {arn} for the {name} environment",
                $"run 'amplify init' first, then this command again, or let the host apply it: amplify init --permissions-boundary {arn}");
        if (guard is not null)
            await guard(name, arn.Length == 0 ? null : arn, cancellationToken).ConfigureAwait(false);
        return settings.Set(name, arn, createEnv: true);
    }

    /// <summary><c>env update</c>: the given ARN ('' removes), or a prompt (blank removes, '.' keeps).</summary>
    public async Task<BoundaryChange> UpdateAsync(string? env, string? arn, Func<string, string?, CancellationToken, Task>? guard = null, CancellationToken cancellationToken = default)
    {
        var name = settings.ResolveEnv(env);
        if (arn is null)
        {
            if (prompter is null)
                throw BoundaryException.Usage($"env update needs --permissions-boundary <arn> (or '' to remove it) when it cannot prompt (stdin redirected, CI set, or --yes). Example: dotnet boundary env update --env {name} --permissions-boundary {PolicyArn.Example}");
            var current = settings.Get(name);
            arn = await AskForArnAsync(
                current is null
                    ? $"Permissions boundary ARN for the {name} environment (blank: none)"
                    : $"Permissions boundary ARN for the {name} environment, now {current} (blank removes it, '.' keeps it)",
                null,
                answer => answer == "." ? current ?? "" : answer,
                required: false,
                check: null).ConfigureAwait(false);
        }
        else if (arn.Length > 0)
        {
            PolicyArn.Parse(arn);
        }
        if (guard is not null)
            await guard(name, arn.Length == 0 ? null : arn, cancellationToken).ConfigureAwait(false);
        return settings.Set(name, arn);
    }

    /// <summary>Decides the new env's boundary (asking when it must and can), then writes it.</summary>
    public async Task<EnvAddResult> AddAsync(EnvAddRequest request, CancellationToken cancellationToken = default)
    {
        var plan = await DecideAsync(request, cancellationToken).ConfigureAwait(false);
        // Nothing carried over leaves an env already listed with the boundary it has: the result says which.
        var kept = plan.Arn is null && plan.EnvListed ? settings.Get(request.Env) : null;
        var change = plan.Arn is null ? new BoundaryChange(request.Env, kept, kept, [], []) : await WriteAsync(request, plan, cancellationToken).ConfigureAwait(false);
        return new EnvAddResult(request.Env, plan.From, plan.SourceBoundary, plan.Decision, plan.Reachability, change, plan.Message, plan.Warnings);
    }

    /// <summary>
    /// The boundary the host would give the new env: --permissions-boundary, else the source env's when the
    /// new env's account can use it, else an answer to the prompt. Reads and asks; writes nothing.
    /// </summary>
    public async Task<EnvAddPlan> DecideAsync(EnvAddRequest request, CancellationToken cancellationToken = default)
    {
        ValidateEnvName(request.Env);
        var teamProviderInfo = File.Exists(project.TeamProviderInfoPath) ? project.LoadTeamProviderInfo() : null;
        var known = teamProviderInfo is null ? [] : AmplifyProject.EnvNames(teamProviderInfo);
        var listed = known.Contains(request.Env);

        string? from = request.From;
        if (string.IsNullOrEmpty(from))
            from = project.CurrentEnv();
        if (from is not null && from == request.Env && string.IsNullOrEmpty(request.From))
            from = null; // the host may already have switched to the new env; there is then no source to read
        if (from == request.Env)
            throw BoundaryException.Usage($"--from names the new env '{request.Env}' itself; pass the env to carry the boundary over from.");
        if (from is not null && !known.Contains(from))
        {
            if (!string.IsNullOrEmpty(request.From))
                throw BoundaryException.Usage($"Unknown env '{Text.Printable.Of(from)}' for --from: {project.TeamProviderInfoPath} has {(known.Count == 0 ? "no envs" : string.Join(", ", known.Select(n => Text.Printable.Of(n))))}.");
            from = null;
        }

        var warnings = new List<string>();
        if (request.PermissionsBoundary is not null)
        {
            if (request.PermissionsBoundary.Length > 0)
                PolicyArn.Parse(request.PermissionsBoundary);
            var message = request.PermissionsBoundary.Length == 0
                ? $"The {request.Env} environment has no permissions boundary (--permissions-boundary '')."
                : $"Permissions boundary {request.PermissionsBoundary} applied to the {request.Env} environment (--permissions-boundary).";
            var fromBoundary = from is null ? null : BoundarySettings.Read(teamProviderInfo!, from);
            return new EnvAddPlan(from, fromBoundary, EnvAddDecision.Explicit, null, request.PermissionsBoundary, message, listed, warnings);
        }

        if (from is null)
            throw BoundaryException.Usage($"No env to carry the boundary over from: there is no current env other than '{request.Env}'. Pass --from <env> or --permissions-boundary <arn> (or '').");
        var sourceText = BoundarySettings.Read(teamProviderInfo!, from);
        if (sourceText is null)
            return new EnvAddPlan(from, null, EnvAddDecision.SourceHasNone, null, null,
                $"The {from} environment has no permissions boundary, so none is carried over to the {request.Env} environment"
                + (listed && BoundarySettings.Read(teamProviderInfo!, request.Env) is { } own ? $", which keeps its own ({own})." : "."), listed, warnings);

        var source = PolicyArn.Parse(sourceText, $"stored (team-provider-info {from})");
        var connectOptions = request.Aws with { Project = project, Env = request.Env };
        IAwsSession? session = null;
        IAwsSession Connect() => session ??= aws.Connect(connectOptions);
        var checker = new ReachabilityChecker(Connect);
        string? regionPartition = null;
        if (source.IsAwsManaged)
        {
            try
            {
                regionPartition = Connect().Partition.Name;
            }
            catch (AwsServiceException)
            {
                // Without credentials the region cannot be read from a profile: no partition check.
            }
        }
        var reachability = await checker.CheckAsync(source, regionPartition, cancellationToken).ConfigureAwait(false);
        var copied = $"Permissions boundary {source} from the {from} environment has automatically been applied to the {request.Env} environment";

        switch (reachability.Status)
        {
            case ReachabilityStatus.Reachable:
                return new EnvAddPlan(from, sourceText, EnvAddDecision.Copied, reachability, source.ToString(), copied, listed, warnings);
            case ReachabilityStatus.Unknown:
            {
                var problem = $"Could not check that permissions boundary {source} from the {from} environment is reachable from the {request.Env} environment ({reachability.Reason}).";
                if (request.Strict)
                    throw BoundaryException.Aws(problem + " --strict makes this an error. Fix the credentials or network, or pass --permissions-boundary <arn> (or '') to skip the check.");
                warnings.Add(problem + " Applied it anyway, as the Amplify CLI does; pass --strict to make this an error.");
                return new EnvAddPlan(from, sourceText, EnvAddDecision.CopiedUnchecked, reachability, source.ToString(), copied, listed, warnings);
            }
            default:
            {
                var cannot = $"Permissions boundary {source} from the {from} environment cannot be applied to resources in the {request.Env} environment: {reachability.Reason}.";
                var required = reachability.Account is { } account && request.OrganizationArnFor is { } organizationArnFor
                    ? await organizationArnFor(account, cancellationToken).ConfigureAwait(false)
                    : null;
                if (prompter is null)
                    throw BoundaryException.Usage(cannot + "\n" + HostRequiredMessage + "." + FixHint(request, from, source, reachability, required));
                var suggestion = required ?? reachability.Suggestion;
                var question = $"{cannot}\nPermissions boundary ARN for the {request.Env} environment (required" +
                               (required is not null ? "; the default is the boundary the organisation's SCPs require in its account"
                                : suggestion is null ? "" : "; the default is the policy of the same name in its account") + ")";
                var answer = await AskForArnAsync(question, suggestion, a => a.Length == 0 ? suggestion ?? "" : a, required: true,
                    check: arn => CheckAnswerAsync(arn, checker, reachability, cancellationToken)).ConfigureAwait(false);
                return new EnvAddPlan(from, sourceText, EnvAddDecision.Prompted, reachability, answer,
                    $"Permissions boundary {answer} applied to the {request.Env} environment.", listed, warnings);
            }
        }
    }

    /// <summary>Writes a decided boundary, unless the host has yet to create the env (see <see cref="NotCreatedByHostYet"/>).</summary>
    private async Task<BoundaryChange> WriteAsync(EnvAddRequest request, EnvAddPlan plan, CancellationToken cancellationToken)
    {
        if (request.Guard is not null)
            await request.Guard(request.Env, plan.Arn!.Length == 0 ? null : plan.Arn, cancellationToken).ConfigureAwait(false);
        return plan.EnvListed || request.CreateEntry || plan.Arn!.Length == 0
            ? settings.Set(request.Env, plan.Arn!, createEnv: true)
            : throw NotCreatedByHostYet(request.Env, plan.Arn, plan.Message,
                $"create the env with the host first, then run 'dotnet boundary env add {request.Env} --from <env>{RepeatedOptions(request)}' again, " +
                $"or let the host apply it: amplify env add (headless: amplify init --amplify '{{\"envName\":\"{request.Env}\"}}' --permissions-boundary {plan.Arn} --yes)");
    }

    /// <summary>
    /// The boundary is decided, but writing it now would break the host: its 'init' and 'env add' treat an
    /// env that team-provider-info already lists as an existing one and fail ("No value provided for
    /// input HTTP label: Bucket", checked with host 14.2.2). So say what to run instead.
    /// </summary>
    private static BoundaryException NotCreatedByHostYet(string env, string arn, string decision, string instead) =>
        new(ExitCodes.ProjectOrFile,
            $"{decision.TrimEnd('.')}: decided, but not written, because the Amplify CLI has not created the {env} environment yet " +
            $"(it fails for an env that team-provider-info already lists). Instead, {instead}. Pass --create to write the entry anyway.");

    private static string RepeatedOptions(EnvAddRequest request) =>
        request.RepeatOptions.Count == 0 ? "" : " " + string.Join(' ', request.RepeatOptions);

    /// <summary>Why an answer to the prompt cannot work, or null when it can (or cannot be checked).</summary>
    private static async Task<string?> CheckAnswerAsync(PolicyArn arn, ReachabilityChecker checker, Reachability first, CancellationToken cancellationToken)
    {
        if (arn.IsAwsManaged)
            return first.Partition is not null && first.Partition != arn.Partition ? $"the environment's account is in partition {first.Partition}" : null;
        var check = await checker.CheckAsync(arn, first.Partition, cancellationToken).ConfigureAwait(false);
        return check.Status == ReachabilityStatus.NotReachable ? check.Reason : null;
    }

    private async Task<string> AskForArnAsync(string question, string? defaultValue, Func<string, string> interpret, bool required, Func<PolicyArn, Task<string?>>? check)
    {
        var ask = question;
        for (var attempt = 1; ; attempt++)
        {
            var answer = interpret(prompter!.Ask(ask, defaultValue).Trim());
            string? problem;
            if (answer.Length == 0)
            {
                if (!required)
                    return "";
                problem = "A permissions boundary ARN is required here";
            }
            else if (!PolicyArn.TryParse(answer, out var arn, out var why))
            {
                problem = $"'{answer}' is not a valid IAM policy ARN: {why}";
            }
            else if (check is not null && await check(arn!).ConfigureAwait(false) is { } unreachable)
            {
                problem = $"{answer} cannot be used: {unreachable}";
            }
            else
            {
                return arn!.ToString();
            }
            if (attempt >= MaxPromptAttempts)
                throw BoundaryException.Usage($"{problem}. Gave up after {MaxPromptAttempts} answers; pass --permissions-boundary <arn> instead.");
            ask = $"{problem}. Try again.\n{question}";
        }
    }

    private static string FixHint(EnvAddRequest request, string from, PolicyArn source, Reachability reachability, string? organizationArn = null)
    {
        var prefix = $"dotnet boundary env add {request.Env} --from {from}" + (request.CreateEntry ? " --create" : "") + string.Concat(request.RepeatOptions.Select(o => " " + o));
        var hint = "";
        if (organizationArn is not null)
        {
            hint += $"\n  The organisation's SCPs require {organizationArn} for roles in account {reachability.Account}.";
            hint += $"\n  Fix: {prefix} --permissions-boundary {ShellQuoting.Quote(organizationArn)}";
        }
        if (reachability.Suggestion is not null)
            hint += $"\n  A policy with the same path and name exists in account {reachability.Account}: {reachability.Suggestion}";
        var target = reachability.Suggestion is not null
            ? ShellQuoting.Quote(reachability.Suggestion)
            : reachability.Account is not null
                ? $"arn:{reachability.Partition ?? source.Partition}:iam::{reachability.Account}:policy/<name>"
                : "<arn>";
        hint += $"\n  {(organizationArn is null ? "Fix" : "or")}: {prefix} --permissions-boundary {target}";
        hint += $"\n  or, for no boundary: {prefix} --permissions-boundary ''";
        return hint;
    }
}
