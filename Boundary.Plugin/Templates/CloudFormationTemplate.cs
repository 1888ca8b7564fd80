using Boundary.Editing;

namespace Boundary.Templates;

public enum TemplateFormat
{
    Json,
    Yaml,
}

/// <summary>What a resource's <c>Properties.PermissionsBoundary</c> holds.</summary>
public enum BoundaryKind
{
    /// <summary>No PermissionsBoundary property.</summary>
    None,

    /// <summary>A plain string: an ARN written by a person or by this tool.</summary>
    Literal,

    /// <summary>An intrinsic function (<c>Fn::If</c>, <c>!Ref</c>, <c>!Sub</c>, ...) or another non-string value.</summary>
    Intrinsic,
}

/// <summary>
/// One place a boundary sits: the Properties object itself, or one object branch of an
/// <c>Fn::If</c> written at the Properties level. Empty values (<c>""</c>, null) count as none.
/// </summary>
public sealed record BranchBoundary(BoundaryKind Kind, string? Value, int Line, int Column);

/// <summary>An IAM principal resource (role, user, service-linked role, SAM function or state machine) found in a template.</summary>
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

    /// <summary>The types this tool reads: principals, and the SAM types that create a role.</summary>
    public static bool IsPrincipalType(string? type) => type is Role or User or ServiceLinkedRole or SamFunction or SamStateMachine;

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

/// <summary>
/// A CloudFormation template, JSON or YAML, read with positions: its IAM principals and the minimal
/// <see cref="TextEdit"/>s that add, replace or remove a resource's <c>PermissionsBoundary</c> in the
/// file's own style. The format is decided by content, as the host does: a first non-blank character
/// <c>{</c> means JSON, whatever the file is called.
/// </summary>
public abstract class CloudFormationTemplate(SourceText source)
{
    public const string BoundaryProperty = "PermissionsBoundary";

    public SourceText Source { get; } = source;

    public string Path => Source.Path;

    public abstract TemplateFormat Format { get; }

    /// <summary>Every resource whose Type is AWS::IAM::Role, AWS::IAM::User, AWS::IAM::ServiceLinkedRole, AWS::Serverless::Function or AWS::Serverless::StateMachine, in file order.</summary>
    public abstract IReadOnlyList<TemplateResource> Principals { get; }

    /// <summary>
    /// Adds <c>PermissionsBoundary: arn</c> to a resource that has none (creating Properties if needed,
    /// filling an empty value, or in every object branch of an <c>Fn::If</c> that lacks one). Several
    /// places come back as one edit spanning them.
    /// </summary>
    public abstract TextEdit AddBoundary(TemplateResource resource, string arn);

    /// <summary>Replaces a literal boundary's value (in every branch that holds it).</summary>
    public abstract TextEdit ReplaceBoundary(TemplateResource resource, string arn);

    /// <summary>Removes the boundary property (with its line when it has one to itself).</summary>
    public abstract TextEdit RemoveBoundary(TemplateResource resource);

    public static bool LooksLikeJson(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                continue;
            return b == '{';
        }
        return false;
    }

    /// <summary>
    /// Reads a template. Null when the file is not a CloudFormation template (no top-level Resources
    /// mapping of objects with a Type); a <see cref="BoundaryException"/> naming file:line:column when
    /// it cannot be parsed.
    /// </summary>
    public static CloudFormationTemplate? Load(SourceText source) =>
        LooksLikeJson(source.Content) ? JsonTemplate.Load(source) : YamlTemplate.Load(source);
}
