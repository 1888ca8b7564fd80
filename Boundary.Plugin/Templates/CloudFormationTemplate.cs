using Boundary.Core;
using Boundary.Text;

namespace Boundary.Templates;

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

    /// <summary>
    /// A boundary value that CloudFormation can only read as no boundary (<c>AWS::NoValue</c>, an empty
    /// <c>Fn::Sub</c> or <c>Fn::Join</c>) or that is neither a policy ARN nor an intrinsic function: left
    /// alone it would be kept as "set by a person" while the role is created without a boundary.
    /// </summary>
    protected static BoundaryException UnboundableValue(string where, string owner, string reason) =>
        BoundaryException.File($"{where}: the PermissionsBoundary of {owner} {reason}, so CloudFormation would create it without a boundary. Write the policy ARN, or remove the property so that the env's boundary is injected, and run again.");

    /// <summary>
    /// A user's branches with its <c>AWS::NoValue</c> ones (at <paramref name="noValue"/>, byte offsets)
    /// added as branches without a boundary, in file order; another type's branches as they are.
    /// </summary>
    protected static IReadOnlyList<BranchBoundary> WithNoValueBranches(SourceText source, string? type, IReadOnlyList<BranchBoundary> branches, IReadOnlyList<int> noValue)
    {
        if (type != TemplateResource.User || noValue.Count == 0)
            return branches;
        var added = noValue.Select(offset =>
        {
            var (line, column) = source.Position(offset);
            return new BranchBoundary(BoundaryKind.None, null, line, column) { IsNoValue = true };
        });
        return branches.Concat(added).OrderBy(b => b.Line).ThenBy(b => b.Column).ToList();
    }

    /// <summary>A boundary cannot be added where the resource has no Properties at all (see <see cref="BranchBoundary.IsNoValue"/>).</summary>
    protected void RefuseNoValueBranch(TemplateResource resource)
    {
        if (resource.Branches?.FirstOrDefault(b => b.IsNoValue) is { } branch)
            throw BoundaryException.File($"{Path}:{branch.Line}:{branch.Column}: cannot add the permissions boundary of {resource.LogicalId}: this branch of its Fn::If is AWS::NoValue, so when it is taken the user is created without Properties, and without a boundary. Give the branch a Properties mapping and run again.");
    }

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
