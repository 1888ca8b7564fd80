using Boundary.Amplify;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Verify;

/// <summary>
/// Checks that every AWS::IAM::Role (and with <see cref="VerifyOptions.IncludeUsers"/> every AWS::IAM::User)
/// in the given templates carries the expected boundary. The rule for a boundary already there:
/// the expected ARN is "bounded"; an intrinsic is "kept" (it cannot be evaluated), unless it always gives
/// the same string, which is judged as a literal is, or may give strings that, judged so, are findings
/// (the worst of them speaks for it); a literal ARN of the same
/// account (or AWS-managed) that differs is "kept (differs)", a warning (an error with --strict); a literal
/// of another account or partition, or one that is not a policy ARN, is an error.
/// </summary>
public static class Verifier
{
    public static VerifyReport Verify(string root, IReadOnlyList<string> files, string expected, string? env, VerifyOptions options)
    {
        var expectedArn = PolicyArn.Parse(expected);
        var injection = new InjectionOptions(options.IncludeUsers);
        if (options.StaleBoundaries is { } stale && stale.ContainsKey(expectedArn.ToString()))
            options = options with { StaleBoundaries = stale.Where(s => !OtherEnvBoundaries.Comparer.Equals(s.Key, expectedArn.ToString())).ToDictionary(s => s.Key, s => s.Value, OtherEnvBoundaries.Comparer) };
        var scan = TemplateScanner.Scan(files, template =>
        {
            var file = Path.GetRelativePath(root, template.Path).Replace('\\', '/');
            return PackedVerifyResults.Of(template.Principals.Where(r => BoundaryInjector.Covers(r, injection)).Select(r => Judge(file, r, expectedArn, options)).ToList());
        }, PseudoParameters.Of(expectedArn.Partition, expectedArn.Account, OtherEnvBoundaries.AccountsOf(options.StaleBoundaries?.Keys ?? [])));
        return new VerifyReport(root, expectedArn.ToString(), env, options, scan.FilesScanned, scan.Results.Count, new VerifyResults(scan.Results), scan.Errors);
    }

    /// <summary>Worst first: the order in which a role with several Fn::If branches takes its branches' verdicts.</summary>
    private static readonly VerifyStatus[] Severity =
        [VerifyStatus.Missing, VerifyStatus.Stale, VerifyStatus.OtherAccount, VerifyStatus.Invalid, VerifyStatus.Differs, VerifyStatus.Kept, VerifyStatus.Bounded];

    private static bool IsWorse(VerifyResult result, VerifyResult than) =>
        Array.IndexOf(Severity, result.Status) < Array.IndexOf(Severity, than.Status);

    /// <summary>
    /// The verdict on a principal: its own boundary's, or, when worse, that of a role SAM makes for one of
    /// its ScheduleV2 events (each with the event's own boundary).
    /// </summary>
    public static VerifyResult Judge(string file, TemplateResource resource, PolicyArn expected, VerifyOptions options)
    {
        var own = JudgeOwn(file, resource with { EventBoundaries = null }, expected, options) with { Resource = resource };
        var worst = own;
        foreach (var e in resource.EventBoundaries ?? [])
        {
            var judged = JudgeOwn(file, resource with { Boundary = e.Kind, BoundaryValue = e.Value, Choices = e.Choices, Branches = null, FromGlobals = false, EventBoundaries = null }, expected, options);
            if (IsWorse(judged, worst))
                worst = judged with
                {
                    Resource = resource,
                    Message = $"{judged.Message.TrimEnd('.')} (in the role SAM makes for its ScheduleV2 event {Printable.Of(e.EventName)}, at line {e.Line}, column {e.Column}).",
                };
        }
        return worst;
    }

    private static VerifyResult JudgeOwn(string file, TemplateResource resource, PolicyArn expected, VerifyOptions options)
    {
        if (resource.Branches is { } branches)
        {
            // Bounded only when every branch is: the worst branch speaks for the role.
            if (branches.Count == 0)
                return new VerifyResult(file, resource, VerifyStatus.Missing, VerifyRule.Missing, "error",
                    $"{Printable.Of(resource.LogicalId)} ({resource.Type}) has an Fn::If as its Properties with no object branch, so no PermissionsBoundary; expected {expected}.");
            var verdicts = branches.Select(b => (Branch: b, Result: JudgeOwn(file, resource with { Boundary = b.Kind, BoundaryValue = b.Value, Choices = b.Choices, Branches = null }, expected, options))).ToList();
            var worst = verdicts.Aggregate((a, b) => IsWorse(b.Result, a.Result) ? b : a);
            return worst.Result with
            {
                Resource = resource,
                Message = $"{worst.Result.Message.TrimEnd('.')} (in the Fn::If branch at line {worst.Branch.Line}, column {worst.Branch.Column}; {verdicts.Count(v => v.Result.Status == VerifyStatus.Bounded)} of {verdicts.Count} branches bounded).",
            };
        }
        // The name and a value that is no ARN are the template's own text: one line each, whatever they hold.
        var what = $"{Printable.Of(resource.LogicalId)} ({resource.Type})" + (resource.FromGlobals ? " through Globals.Function" : "");
        switch (resource.Boundary)
        {
            case BoundaryKind.None:
                return new VerifyResult(file, resource, VerifyStatus.Missing, VerifyRule.Missing, "error",
                    $"{what} has no PermissionsBoundary; expected {expected}.");
            case BoundaryKind.Intrinsic when resource.BoundaryValue is null:
                // Each string it may give is judged as a literal would be: the role deploys with it then
                // (another env's boundary is stale under those conditions).
                if (WorstChoice(file, resource, expected, options) is { } worst)
                    return worst.Result with
                    {
                        Resource = resource,
                        Message = $"{what} has a PermissionsBoundary set by an intrinsic function that gives '{Printable.Of(worst.Choice)}' under some conditions: {ChoiceProblem(worst.Choice, worst.Result.Status, options)}; expected {expected}.",
                    };
                return new VerifyResult(file, resource, VerifyStatus.Kept, null, null,
                    $"{what} has a PermissionsBoundary set by an intrinsic function: kept, not evaluated.");
            case BoundaryKind.Intrinsic:
                // An intrinsic that always gives one string is judged by that string, as a literal is.
                what += " (an intrinsic function that always gives the same string)";
                break;
        }
        var actual = resource.BoundaryValue ?? "";
        if (actual == expected.ToString())
            return new VerifyResult(file, resource, VerifyStatus.Bounded, null, null, $"{what} has the expected boundary.");
        if (options.StaleBoundaries is not null && options.StaleBoundaries.TryGetValue(actual, out var staleEnv))
            return new VerifyResult(file, resource, VerifyStatus.Stale, VerifyRule.Stale, "error",
                $"{what} has PermissionsBoundary {actual}, the boundary of env '{Printable.Of(staleEnv)}' (stale: generated while that env was current); expected {expected}.");
        if (!PolicyArn.TryParse(actual, out var parsed, out var problem))
            return new VerifyResult(file, resource, VerifyStatus.Invalid, VerifyRule.Invalid, "error",
                $"{what} has PermissionsBoundary '{Printable.Of(actual)}', which is not a valid policy ARN ({problem}); expected {expected}.");
        var otherAccount = parsed!.Partition != expected.Partition ||
                           (!parsed.IsAwsManaged && !expected.IsAwsManaged && parsed.Account != expected.Account);
        if (otherAccount)
            return new VerifyResult(file, resource, VerifyStatus.OtherAccount, VerifyRule.OtherAccount, "error",
                $"{what} has PermissionsBoundary {actual}, a policy of {(parsed.Partition != expected.Partition ? $"partition {parsed.Partition}" : $"account {parsed.Account}")}; expected {expected} ({(parsed.Partition != expected.Partition ? $"partition {expected.Partition}" : $"account {expected.Account}")}).");
        return new VerifyResult(file, resource, VerifyStatus.Differs, VerifyRule.Differs, options.Strict ? "error" : "warning",
            $"{what} keeps PermissionsBoundary {actual}, which differs from the expected {expected}{DiffersNote(options)}.");
    }

    private static string DiffersNote(VerifyOptions options) =>
        options.Strict ? " (an error with --strict)" : " (kept: set by a person; --strict makes this an error)";

    /// <summary>
    /// Of the strings an intrinsic function may give (its choices), the one that judged as a literal is the
    /// worst finding, or null when each is the expected boundary.
    /// </summary>
    private static (string Choice, VerifyResult Result)? WorstChoice(string file, TemplateResource resource, PolicyArn expected, VerifyOptions options)
    {
        (string Choice, VerifyResult Result)? worst = null;
        foreach (var choice in resource.Choices ?? [])
        {
            // The empty string is no boundary, as the host reads it: like a branch of AWS::NoValue, a
            // condition that takes the boundary away is kept (see the templates documentation).
            if (choice.Length == 0)
                continue;
            var judged = JudgeOwn(file, resource with { Boundary = BoundaryKind.Literal, BoundaryValue = choice, Choices = null, Branches = null }, expected, options);
            if (judged.Status is VerifyStatus.Bounded or VerifyStatus.Kept)
                continue;
            if (worst is null || IsWorse(judged, worst.Value.Result))
                worst = (choice, judged);
        }
        return worst;
    }

    private static string ChoiceProblem(string choice, VerifyStatus status, VerifyOptions options) => status switch
    {
        VerifyStatus.Stale => $"the boundary of env '{Printable.Of(options.StaleBoundaries![choice])}' (stale)",
        VerifyStatus.Invalid => "not a valid policy ARN",
        VerifyStatus.OtherAccount => "a policy of another account or partition",
        _ => "a policy other than the expected one" + DiffersNote(options),
    };
}
