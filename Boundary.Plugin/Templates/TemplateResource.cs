namespace Boundary.Templates;

/// <summary>An IAM principal resource (role, user, service-linked role, SAM function or state machine) found in a template.</summary>
/// <param name="BoundaryValue">
/// A literal boundary's string; for an intrinsic, the string it always gives when it gives one (see
/// <see cref="ConstantIntrinsic"/>); otherwise null.
/// </param>
public sealed record TemplateResource(
    string LogicalId,
    string Type,
    int Offset,
    int Line,
    int Column,
    BoundaryKind Boundary,
    string? BoundaryValue,
    bool HasProperties)
{
    public const string Role = "AWS::IAM::Role";
    public const string User = "AWS::IAM::User";
    public const string ServiceLinkedRole = "AWS::IAM::ServiceLinkedRole";
    public const string SamFunction = "AWS::Serverless::Function";
    public const string SamStateMachine = "AWS::Serverless::StateMachine";

    /// <summary>
    /// For an intrinsic boundary, the strings it may give under some conditions (see
    /// <see cref="ConstantIntrinsic.Read"/>); null otherwise.
    /// </summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public bool IsRole => Type == Role;

    /// <summary>A SAM resource, whose generated execution role takes the resource's PermissionsBoundary.</summary>
    public bool IsSam => Type is SamFunction or SamStateMachine;

    /// <summary>
    /// With <c>Fn::If</c> at the Properties level, each object branch's boundary (an
    /// <c>AWS::NoValue</c> branch has none to carry); null for plain Properties. <see cref="Boundary"/>
    /// then sums them up: none when any branch lacks one.
    /// </summary>
    public IReadOnlyList<BranchBoundary>? Branches { get; init; }

    /// <summary>A SAM function without its own boundary that gets <c>Globals.Function.PermissionsBoundary</c>.</summary>
    public bool FromGlobals { get; init; }

    /// <summary>
    /// A SAM function's or state machine's <c>ScheduleV2</c> events that SAM makes a role for, each with
    /// its own boundary (one without is refused when read); null when there are none.
    /// </summary>
    public IReadOnlyList<EventBoundary>? EventBoundaries { get; init; }

    /// <summary>The types this tool reads: principals, and the SAM types that create a role.</summary>
    public static bool IsPrincipalType(string? type) => type is Role or User or ServiceLinkedRole or SamFunction or SamStateMachine;

    /// <summary>A SAM GraphQL API, for which SAM makes roles of its own (refused).</summary>
    public const string SamGraphQlApi = "AWS::Serverless::GraphQLApi";

    /// <summary>A SAM capacity provider, which makes an operator role of its own unless it names one.</summary>
    public const string SamCapacityProvider = "AWS::Serverless::CapacityProvider";

    /// <summary>Whether a resource of this type keeps its Properties when a template is read: a principal's, and a capacity provider's (for its OperatorRole).</summary>
    public static bool KeepsProperties(string? type) => IsPrincipalType(type) || type == SamCapacityProvider;

    /// <summary>The constant spelling of a principal type: one string for every role of a project, not one each.</summary>
    public static string CanonicalType(string type) => type switch
    {
        Role => Role,
        User => User,
        ServiceLinkedRole => ServiceLinkedRole,
        SamFunction => SamFunction,
        SamStateMachine => SamStateMachine,
        _ => type,
    };

    /// <summary>What several branches hold together: none when one lacks it; their literal when all agree; else an intrinsic-like mix.</summary>
    public static (BoundaryKind Kind, string? Value) Combine(IReadOnlyList<BranchBoundary> branches)
    {
        if (branches.Count == 0 || branches.Any(b => b.Kind == BoundaryKind.None))
            return (BoundaryKind.None, null);
        if (branches.All(b => b.Kind == BoundaryKind.Literal) && branches.Select(b => b.Value).Distinct().Count() == 1)
            return (BoundaryKind.Literal, branches[0].Value);
        return (BoundaryKind.Intrinsic, null);
    }
}
