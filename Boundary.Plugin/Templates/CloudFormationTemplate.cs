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

    /// <summary>A boundary past the limits of <see cref="ConstantIntrinsic"/> and <see cref="IntrinsicTerm"/>: what it may give cannot be known, so another env's boundary could hide in it.</summary>
    protected static BoundaryException TooComplex(string where, string owner) =>
        BoundaryException.File($"{where}: the PermissionsBoundary of {Text.Printable.Of(owner)} is too complex to check (more than {IntrinsicTerm.MaxTerms} values, {IntrinsicTerm.MaxDepth} levels, "
            + $"{ConstantIntrinsic.MaxOutcomes} strings it may give or {ConstantIntrinsic.MaxSteps} steps to work them out), so another env's boundary could hide in it. Simplify it (write the policy ARN) and run again.");

    /// <summary>
    /// A boundary value that CloudFormation can only read as no boundary (<c>AWS::NoValue</c>, an empty
    /// <c>Fn::Sub</c> or <c>Fn::Join</c>) or that is neither a policy ARN nor an intrinsic function: left
    /// alone it would be kept as "set by a person" while the role is created without a boundary.
    /// </summary>
    protected static BoundaryException UnboundableValue(string where, string owner, string reason) =>
        BoundaryException.File($"{where}: the PermissionsBoundary of {owner} {reason}, so CloudFormation would create it without a boundary. Write the policy ARN, or remove the property so that the env's boundary is injected, and run again.");

    /// <summary>The transforms whose output this tool reads as written: SAM's (its types are known here) and the language extensions (whose loops are refused).</summary>
    private static readonly string[] KnownTransforms = ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"];

    /// <summary>
    /// A key of Resources that is an intrinsic function, not a logical id: <c>Fn::ForEach::Name</c> (a
    /// loop the language extensions expand into resources) or <c>Fn::Transform</c> (resources included
    /// from S3). CloudFormation creates what they make, which no reading of the file can see.
    /// </summary>
    protected static void RefuseGeneratedResources(SourceText source, string key, int offset)
    {
        if (key.StartsWith("Fn::", StringComparison.Ordinal))
            throw BoundaryException.File($"{source.Describe(offset)}: {key} in Resources (or in a resource, where it can make its Type or Properties) makes what only CloudFormation sees (a loop it expands, or content it includes), so roles there can be neither checked nor capped. Write the resources out in the template and run again.");
    }

    /// <summary>An event whose Type is not written out: whether it is a ScheduleV2 event, which makes a role, cannot be told.</summary>
    protected static BoundaryException EventTypeNotWritten(SourceText source, int offset, string eventName, string logicalId) =>
        BoundaryException.File($"{source.Describe(offset)}: the Type of the event {Text.Printable.Of(eventName)} of {Text.Printable.Of(logicalId)} is given by an intrinsic function, so whether it is a ScheduleV2 event (which makes a role of its own) cannot be checked. Write the type out and run again.");

    /// <summary>Why a boundary given by a macro cannot bound a role: what it gives, if anything, only CloudFormation sees.</summary>
    protected const string MacroBoundary = "is an Fn::Transform: a macro decides it, and may leave the role without one";

    /// <summary>An intrinsic function (a macro's <c>Fn::Transform</c>) that decides a SAM resource's events, which can make roles of their own.</summary>
    protected static BoundaryException EventMacro(SourceText source, int offset, string logicalId) =>
        BoundaryException.File($"{source.Describe(offset)}: an intrinsic function (a macro's Fn::Transform, or another) decides the Events of {Text.Printable.Of(logicalId)}; events can make roles of their own (a ScheduleV2 event's scheduler role), which could then be neither checked nor capped. Write the events out and run again.");

    /// <summary>
    /// A template-level Transform other than SAM's or the language extensions: a macro rewrites the
    /// template before CloudFormation creates anything (it can add roles), after any reading of the file.
    /// </summary>
    protected static void RefuseUnknownTransforms(SourceText source, IEnumerable<(string? Name, int Offset)> transforms)
    {
        foreach (var (name, offset) in transforms)
            if (name is null || !KnownTransforms.Contains(name, StringComparer.Ordinal))
                throw BoundaryException.File($"{source.Describe(offset)}: the template's Transform {(name is null ? "is not a transform name" : $"'{name}' is a macro")} that rewrites the template before CloudFormation creates its resources, so the roles it makes can be neither checked nor capped. Only {string.Join(" and ", KnownTransforms)} are read; expand the template first (the transformed template, with its roles) and run again.");
    }

    /// <summary>
    /// Properties written as an intrinsic function other than Fn::If (<c>Fn::Transform</c>, <c>Ref</c>,
    /// <c>Fn::ImportValue</c> ...): what CloudFormation makes of them cannot be read here, and a boundary
    /// added beside the function's name would land in its arguments.
    /// </summary>
    protected static void RefuseIntrinsicProperties(SourceText source, string logicalId, string? intrinsic, int offset)
    {
        if (intrinsic is not null)
            throw BoundaryException.File($"{source.Describe(offset)}: the Properties of {logicalId} are {intrinsic}, an intrinsic function whose result this tool cannot see, so whether it carries a permissions boundary cannot be checked, and one added would land in the function's arguments. Write the Properties out as a mapping (Fn::If, with a mapping in each branch, is the one intrinsic read there) and run again.");
    }

    /// <summary>
    /// A SAM type for which SAM creates roles that take no permissions boundary (its data sources', its
    /// logs'), or a module, which CloudFormation expands into resources: they are in no reading of the file,
    /// and nothing here could cap them.
    /// </summary>
    protected static void RefuseRoleMakingType(SourceText source, string logicalId, string? type, int offset)
    {
        if (IsModule(type))
            throw BoundaryException.File($"{source.Describe(offset)}: {logicalId} is a CloudFormation module ({type}), which CloudFormation expands into resources of its own, roles among them, that no reading of the file can see, so they can be neither checked nor capped. Write the module's resources out in the template (or package it with its roles' boundaries) and run again.");
        if (type == TemplateResource.SamGraphQlApi)
            throw BoundaryException.File($"{source.Describe(offset)}: {logicalId} is an AWS::Serverless::GraphQLApi, for which SAM creates roles (for its data sources and its logs) that take no permissions boundary, so they can be neither checked nor capped. Write its AppSync resources and their roles out (AWS::AppSync::*, AWS::IAM::Role) and run again.");
    }

    /// <summary>A registered module's type (<c>Organization::Service::Name::MODULE</c>): resources CloudFormation adds when it creates the stack.</summary>
    public static bool IsModule(string? type) => type is not null && type.EndsWith(ModuleSuffix, StringComparison.Ordinal);

    public const string ModuleSuffix = "::MODULE";

    /// <summary>What a SAM DeploymentPreference says, as far as a role goes.</summary>
    /// <param name="NamesRole">Null without a Role key; false when the Role reads as no value.</param>
    /// <param name="Enabled">Null without an Enabled key; false only when written false.</param>
    protected readonly record struct DeploymentPreferenceRead(bool? NamesRole, bool? Enabled, int Offset);

    /// <summary>
    /// A SAM function whose DeploymentPreference (its own, merged over the Globals' one as SAM merges them)
    /// is enabled and names no Role: SAM then creates a CodeDeploy service role of its own, which the
    /// function's PermissionsBoundary does not reach.
    /// </summary>
    protected static void RefuseDeploymentPreferenceWithoutRole(SourceText source, string function, DeploymentPreferenceRead? own, DeploymentPreferenceRead? globals)
    {
        if (own is null && globals is null)
            return;
        var namesRole = own?.NamesRole ?? globals?.NamesRole ?? false;
        var enabled = own?.Enabled ?? globals?.Enabled ?? true;
        if (namesRole || !enabled)
            return;
        var at = (own ?? globals)!.Value.Offset;
        throw BoundaryException.File($"{source.Describe(at)}: the DeploymentPreference of {function} names no Role, so SAM creates a CodeDeploy service role that no permissions boundary reaches. Give it a Role of the template (which then gets the boundary) and run again.");
    }

    protected const string DeploymentPreference = "DeploymentPreference";

    /// <summary>
    /// A capacity provider without an OperatorRole (SAM makes one, which takes no boundary), and an
    /// event of a SAM function or state machine of type ScheduleV2 with neither a RoleArn nor a
    /// PermissionsBoundary of its own (SAM makes a scheduler role, which takes only the event's).
    /// </summary>
    protected static BoundaryException RoleWithoutBoundary(SourceText source, string what, int offset, string give) =>
        BoundaryException.File($"{source.Describe(offset)}: {what}, so SAM creates a role that no permissions boundary reaches. {give} and run again.");

    protected const string SchedulerEvent = "ScheduleV2";

    /// <summary>Whether an Fn::Sub string is only <c>${Name}</c>s, each a variable whose given value is nothing.</summary>
    protected static bool SubstitutesToNothing(string text, Func<string, bool> isNothing)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var close = rest.IndexOf('}');
            if (!rest.StartsWith("${") || close < 0 || !isNothing(rest[2..close].ToString()))
                return false;
            rest = rest[(close + 1)..];
        }
        return true;
    }

    /// <summary>An <c>Fn::Sub</c> variable that no given value names and that substitutes nothing: the pseudo parameter <c>AWS::NoValue</c>.</summary>
    protected static bool IsNoValueVariable(string name) => name == "AWS::NoValue";

    /// <summary>Whether a key of a Properties mapping names an intrinsic function read nowhere here (all but Fn::If).</summary>
    protected static bool IsUnreadIntrinsic(string? key) =>
        key is "Ref" || (key is not null && key.StartsWith("Fn::", StringComparison.Ordinal) && key != "Fn::If");

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
            throw BoundaryException.File($"{Path}:{branch.Line}:{branch.Column}: cannot add the permissions boundary of {Text.Printable.Of(resource.LogicalId)}: this branch of its Fn::If is AWS::NoValue, so when it is taken the user is created without Properties, and without a boundary. Give the branch a Properties mapping and run again.");
    }

    /// <summary>
    /// Whether the host reads these bytes as JSON: it trims them with JavaScript's <c>trim()</c> and takes
    /// them for JSON when a <c>{</c> comes first.
    /// </summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> content) => FirstAfterHostWhitespace(content, out _) == '{';

    /// <summary>
    /// The first character after what JavaScript's <c>trim()</c> removes (its white space and line
    /// terminators, a byte-order mark among them), or -1 when nothing follows; <paramref name="unusual"/>
    /// is the offset of the first of those that is not a space, tab, CR or LF (-1 when none), which
    /// JSON readers other than the host's stop at.
    /// </summary>
    internal static int FirstAfterHostWhitespace(ReadOnlySpan<byte> content, out int unusual)
    {
        unusual = -1;
        var offset = 0;
        while (offset < content.Length)
        {
            var b = content[offset];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                offset++;
                continue;
            }
            if (System.Text.Rune.DecodeFromUtf8(content[offset..], out var rune, out var length) != System.Buffers.OperationStatus.Done ||
                !IsJavaScriptWhiteSpace(rune.Value))
                return rune.Value;
            if (unusual < 0)
                unusual = offset;
            offset += length;
        }
        return -1;
    }

    // What String.prototype.trim removes besides space, tab, CR and LF (ECMAScript: WhiteSpace and LineTerminator).
    private static bool IsJavaScriptWhiteSpace(int c) =>
        c is 0x0B or 0x0C or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 or 0xFEFF;

    /// <summary>
    /// Reads a template. Null when the file is not a CloudFormation template (no top-level Resources
    /// mapping of objects with a Type); a <see cref="BoundaryException"/> naming file:line:column when
    /// it cannot be parsed.
    /// </summary>
    /// <param name="deployment">The pseudo parameters the deployment gives, for reading boundaries built from them.</param>
    public static CloudFormationTemplate? Load(SourceText source, PseudoParameters? deployment = null)
    {
        if (FirstAfterHostWhitespace(source.Content, out var unusual) != '{')
        {
            // YamlDotNet takes NEL, LS and PS for line breaks, the host's js-yaml does not: a comment or a
            // scalar would end for one and not for the other.
            if (UnicodeLineBreak(source.Bytes) is var at and >= 0)
                throw BoundaryException.File($"{source.Describe(at)}: a Unicode line separator (U+0085, U+2028 or U+2029), which YAML readers do not agree on (one ends the line there, the Amplify CLI's does not). Replace it with a line break or remove it, and run again.");
            // YAML readers (the host's too) end a line at a carriage return alone; this tool's edits go by
            // line feeds, so a line they add could land in the mapping that follows the carriage return.
            if (LoneCarriageReturn(source.Bytes) is var lineBreak and >= 0)
                throw BoundaryException.File($"{source.Describe(lineBreak)}: a carriage return without a line feed after it, which YAML readers take for a line break and this tool's edits do not. Use line feeds (or CR LF) for line breaks and run again.");
            return YamlTemplate.Load(source, deployment);
        }
        // The host would read it as JSON, past characters our JSON reader would stop at (or, taking it for
        // YAML, read otherwise): refused rather than read in a way the host does not.
        if (unusual >= 0)
        {
            var (line, column) = source.Position(source.BomLength + unusual);
            throw BoundaryException.File($"{source.Path}:{line}:{column}: the template starts with a character the Amplify CLI skips before reading it as JSON (a form feed, vertical tab, no-break or other Unicode space, or a second byte-order mark), which other readers do not. Remove it and run again.");
        }
        if (Json.JsonComments.LoneCarriageReturnInLineComment(source.Bytes) is var carriageReturn and >= 0)
            throw BoundaryException.File($"{source.Describe(carriageReturn)}: a // comment holds a carriage return without a line feed after it; our JSON reader ends the comment there, the Amplify CLI's reads on to the next line feed, so the two would read different templates. End the comment with a line break (or remove it) and run again.");
        return JsonTemplate.Load(source, deployment);
    }

    /// <summary>The offset of the first carriage return that no line feed follows, or -1.</summary>
    private static int LoneCarriageReturn(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (bytes[offset..].IndexOf((byte)'\r') is var found and >= 0)
        {
            var at = offset + found;
            if (at + 1 == bytes.Length || bytes[at + 1] != '\n')
                return at;
            offset = at + 2;
        }
        return -1;
    }

    /// <summary>The offset of NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9), or -1: one pass over the bytes, looking only at their lead bytes.</summary>
    private static int UnicodeLineBreak(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (bytes[offset..].IndexOfAny((byte)0xC2, (byte)0xE2) is var found and >= 0)
        {
            var at = offset + found;
            var rest = bytes[at..];
            if (rest.StartsWith("\u0085"u8) || rest.StartsWith("\u2028"u8) || rest.StartsWith("\u2029"u8))
                return at;
            offset = at + 1;
        }
        return -1;
    }
}
