using Boundary.Core;
using Boundary.Json;
using Boundary.Text;

namespace Boundary.Templates;

/// <summary>
/// A JSON template: JSON positions come from <see cref="JsonSpanParser"/>, edits from <see cref="JsonTemplateEditor"/>.
/// Names and strings are compared decoded, so <c>"AWS\u003a:IAM::Role"</c> is a role like any other.
/// </summary>
public sealed class JsonTemplate : CloudFormationTemplate
{
    // Root > Resources > logical id > Properties: the values of Properties' members are only spans
    // (a boundary that is an object, and the Properties of a principal with an Fn::If, are read in full
    // when met), so a template's nodes stay a fraction of its size.
    private const int ParseDepth = 3;

    private const string PropertiesKey = "Properties";
    private const string FnIf = "Fn::If";

    private readonly JsonTemplateEditor editor;
    private readonly Dictionary<TemplateResource, ResourceNodes> nodes;

    private JsonTemplate(SourceText source, IReadOnlyList<TemplateResource> principals, Dictionary<TemplateResource, ResourceNodes> nodes)
        : base(source)
    {
        editor = new JsonTemplateEditor(source);
        Principals = principals;
        this.nodes = nodes;
    }

    public override TemplateFormat Format => TemplateFormat.Json;

    public override IReadOnlyList<TemplateResource> Principals { get; }

    /// <param name="deployment">The pseudo parameters the deployment gives, for reading boundaries built from them.</param>
    public static new JsonTemplate? Load(SourceText source, PseudoParameters? deployment = null)
    {
        var objectRead = (JsonNode node, int level) =>
        {
            KeepOnlyTypeOfOtherResources(node, level);
            if (level == 2)
                YoungGeneration.TickWithin(source.Length);
        };
        var root = JsonSpanParser.Parse(source, ParseDepth, objectRead, AfterTypeOfOtherResource);
        if (!root.IsObject)
            return null;
        RefuseDuplicate(source, root, "Resources", "the template");
        if (root["Resources"] is not { IsObject: true } resources)
            return null;
        // Before deciding this is a template: a loop can make a resource's Type too.
        foreach (var key in resources.Properties)
        {
            RefuseGeneratedResources(source, key.Name, key.NameStart);
            if (key.Value.IsObject)
                foreach (var member in key.Value.Properties)
                    RefuseGeneratedResources(source, member.Name, member.NameStart);
        }
        RefuseDuplicate(source, root, "Transform", "the template");
        if (root.Property("Transform") is { } transform)
            RefuseUnknownTransforms(source, transform.Value.Kind switch
            {
                JsonKind.String => [(transform.Value.StringValue, transform.Value.Start)],
                JsonKind.Array => transform.Value.Items.Select(i => (i.Kind == JsonKind.String ? i.StringValue : null, i.Start)),
                _ => [((string?)null, transform.Value.Start)],
            });
        if (resources.Properties.Count > 0 && !resources.Properties.Any(r => r.Value.IsObject && r.Value["Type"] is not null))
            return null;
        var globals = GlobalFunctionBoundary(source, root, deployment);
        var globalPreference = root["Globals"] is { IsObject: true } globalSection && globalSection["Function"] is { IsObject: true } globalFunction
            ? DeploymentPreferenceOf(source, globalFunction)
            : null;
        var principals = new List<TemplateResource>();
        var nodes = new Dictionary<TemplateResource, ResourceNodes>();
        var seen = new Dictionary<string, JsonProperty>(resources.Properties.Count, StringComparer.Ordinal);
        foreach (var entry in resources.Properties)
        {
            if (entry.Value.IsObject && entry.Value["Type"] is { Kind: JsonKind.String } declared)
            {
                RefuseRoleMakingType(source, entry.Name, declared.StringValue, entry.NameStart);
                if (declared.StringValue == TemplateResource.SamCapacityProvider && !(entry.Value[PropertiesKey] is { IsObject: true } provider && provider.Property("OperatorRole") is { } operatorRole
                    && !IsNothing(operatorRole.Value.Skipped ? JsonSpanParser.ParseNode(source, operatorRole.Value) : operatorRole.Value)))
                    throw RoleWithoutBoundary(source, $"{entry.Name} is an AWS::Serverless::CapacityProvider without an OperatorRole", entry.NameStart, "Give it an OperatorRole of the template (which then gets the boundary)");
            }
            var isPrincipal = entry.Value.IsObject && entry.Value.Properties.Any(p => p.Name == "Type" && TemplateResource.IsPrincipalType(p.Value.StringValue));
            if (seen.TryGetValue(entry.Name, out var earlier) && (isPrincipal || IsPrincipal(earlier.Value)))
                throw Duplicate(source, entry.NameStart, entry.Name, "Resources");
            seen[entry.Name] = entry;
            if (!isPrincipal)
                continue;
            RefuseDuplicate(source, entry.Value, "Type", entry.Name);
            RefuseDuplicate(source, entry.Value, PropertiesKey, entry.Name);
            var type = entry.Value["Type"]!;
            if (type.Kind != JsonKind.String || !TemplateResource.IsPrincipalType(type.StringValue))
                continue;
            var properties = entry.Value[PropertiesKey];
            if (type.StringValue == TemplateResource.SamFunction)
                RefuseDeploymentPreferenceWithoutRole(source, entry.Name, properties is { IsObject: true } ? DeploymentPreferenceOf(source, properties) : null,
                    IgnoresGlobal(source, entry.Value, DeploymentPreference) ? null : globalPreference);
            var events = type.StringValue is TemplateResource.SamFunction or TemplateResource.SamStateMachine && properties is { IsObject: true }
                ? SchedulerEventBoundaries(source, entry.Name, properties, deployment)
                : null;
            List<Site>? sites = null;
            IReadOnlyList<BranchBoundary>? branches = null;
            if (properties is { IsObject: true })
            {
                if (properties.Properties.FirstOrDefault(p => IsUnreadIntrinsic(p.Name)) is { } intrinsic)
                    RefuseIntrinsicProperties(source, entry.Name, intrinsic.Name, intrinsic.NameStart);
                sites = [];
                if (properties.Property(FnIf) is { } fnIf)
                {
                    if (properties.Properties.Count != 1)
                        throw BoundaryException.File($"{source.Describe(fnIf.NameStart)}: the Properties of {entry.Name} hold {FnIf} beside other keys, which CloudFormation refuses. Make {FnIf} the only key of Properties (each branch a whole Properties object) and run again.");
                    var full = JsonSpanParser.ParseNode(source, properties);
                    var noValue = new List<int>();
                    CollectBranches(source, entry.Name, full.Property(FnIf)!.Value, sites, noValue, deployment, 0);
                    branches = WithNoValueBranches(source, type.StringValue, sites.Select(s => s.Describe(source)).ToList(), noValue);
                }
                else
                {
                    sites.Add(SiteOf(source, entry.Name, properties, deployment));
                }
            }
            var (kind, value) = branches is not null
                ? TemplateResource.Combine(branches)
                : sites is { Count: 1 } ? (sites[0].Kind, sites[0].Value) : (BoundaryKind.None, null);
            var choices = branches is null && sites is { Count: 1 } ? sites[0].Choices : null;
            var fromGlobals = false;
            if (kind == BoundaryKind.None && branches is null && type.StringValue == TemplateResource.SamFunction && globals is { } inherited && !IgnoresGlobal(source, entry.Value, BoundaryProperty))
            {
                (kind, value, choices) = inherited;
                fromGlobals = true;
            }
            var (line, column) = source.Position(entry.NameStart);
            var resource = new TemplateResource(entry.Name, TemplateResource.CanonicalType(type.StringValue!), entry.NameStart, line, column, kind, value, properties is not null)
            {
                Branches = branches,
                FromGlobals = fromGlobals,
                Choices = choices,
                EventBoundaries = events,
            };
            principals.Add(resource);
            nodes[resource] = new ResourceNodes(entry.Value, sites);
        }
        return new JsonTemplate(source, principals, nodes);
    }

    /// <summary>
    /// An object that is plainly a resource of another type (one Type member, a string of no principal
    /// type) keeps only its Type member: that is all <see cref="Load"/> reads of it, and a large
    /// template's other resources would otherwise hold most of its nodes.
    /// </summary>
    private static void KeepOnlyTypeOfOtherResources(JsonNode node, int level)
    {
        if (level != 2)
            return;
        JsonProperty? type = null;
        foreach (var property in node.Properties)
        {
            // Outside Resources the one object read is Globals.Function, for its boundary: never dropped. A
            // function key (Fn::Transform) can make the resource anything: Load refuses it, so it stays.
            if (property.Name == BoundaryProperty || property.Name.StartsWith("Fn::", StringComparison.Ordinal))
                return;
            if (property.Name != "Type")
                continue;
            if (type is not null)
                return;
            type = property;
        }
        if (type is null || type.Value.Kind != JsonKind.String || TemplateResource.KeepsProperties(type.Value.StringValue))
            return;
        // Cleared and refilled rather than RemoveAll with a lambda: that was a closure and a delegate for
        // every other resource of every template.
        node.Properties.Clear();
        node.Properties.Add(type);
        node.Properties.TrimExcess();
    }

    /// <summary>
    /// Once an object at the resources' level has a Type that is a string of no principal type, its later
    /// members need no nodes: <see cref="KeepOnlyTypeOfOtherResources"/> drops them, and a second Type
    /// (which would make it a principal, or a duplicate) is a string, which is still read.
    /// </summary>
    private static bool AfterTypeOfOtherResource(JsonProperty member, int level) =>
        level == 2 && member.Name == "Type" && member.Value.Kind == JsonKind.String && !TemplateResource.KeepsProperties(member.Value.StringValue);

    public override TextEdit AddBoundary(TemplateResource resource, string arn)
    {
        RefuseNoValueBranch(resource);
        var node = nodes[resource];
        var properties = node.Resource[PropertiesKey];
        if (properties is null)
            return editor.AddProperties(node.Resource, arn);
        if (!properties.IsObject || node.Sites is null)
            throw Unsupported(resource, properties, "its Properties is not an object");
        // Most resources have one site: its edit, with no list made for it.
        TextEdit? only = null;
        List<TextEdit>? edits = null;
        var sites = node.Sites;
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            if (site.Kind != BoundaryKind.None)
                continue;
            var edit = site.Boundary is { } empty
                ? editor.FillEmptyBoundary(empty, arn)
                : editor.InsertBoundary(site.Properties, arn);
            if (only is null)
                only = edit;
            else
                (edits ??= [only]).Add(edit);
        }
        if (only is null)
            throw Unsupported(resource, properties, $"its {FnIf} has no object branch to hold one");
        return edits is null ? only : TextEdit.Merge(Source.Bytes, edits);
    }

    public override TextEdit ReplaceBoundary(TemplateResource resource, string arn)
    {
        var sites = OwnLiteralSites(resource, "replace");
        return TextEdit.Merge(Source.Bytes, sites.Select(s => editor.ReplaceBoundary(s.Boundary!, arn)).ToList());
    }

    public override TextEdit RemoveBoundary(TemplateResource resource)
    {
        if (resource.Branches is not null)
            return TextEdit.Merge(Source.Bytes, OwnLiteralSites(resource, "remove").Select(s => editor.RemoveEntry(s.Properties, s.Boundary!)).ToList());
        if (resource.FromGlobals)
            throw FromGlobals(resource, "remove");
        var node = nodes[resource].Resource;
        var propertiesMember = node.Property(PropertiesKey)!;
        var properties = propertiesMember.Value;
        // Properties that hold only the boundary, laid out as AddBoundary writes them for a resource
        // without Properties (the last member; on lines of their own exactly when the member has its own
        // line), go with it: that undoes the addition exactly.
        if (properties.Properties.Count == 1 && node.Properties[^1] == propertiesMember
            && Source.IsFirstOnLine(propertiesMember.NameStart) == Source.Bytes[properties.Start..properties.End].Contains((byte)'\n'))
            return editor.RemoveEntry(node, propertiesMember);
        return editor.RemoveEntry(properties, properties.Property(BoundaryProperty)!);
    }

    /// <summary>The places holding the resource's own literal boundary (not one from Globals).</summary>
    private List<Site> OwnLiteralSites(TemplateResource resource, string verb)
    {
        if (resource.FromGlobals)
            throw FromGlobals(resource, verb);
        var sites = nodes[resource].Sites?.Where(s => s.Kind == BoundaryKind.Literal && s.Value == resource.BoundaryValue).ToList();
        if (resource.Boundary != BoundaryKind.Literal || sites is null || sites.Count == 0)
            throw new InvalidOperationException($"{resource.LogicalId} has no literal {BoundaryProperty} to {verb}.");
        return sites;
    }

    private BoundaryException FromGlobals(TemplateResource resource, string verb) =>
        BoundaryException.File($"{Source.Describe(resource.Offset)}: cannot {verb} the permissions boundary of {Text.Printable.Of(resource.LogicalId)}: it comes from Globals.Function. Change it there by hand and run again.");

    private static bool IsPrincipal(JsonNode resource) =>
        resource.IsObject && resource.Properties.Any(p => p.Name == "Type" && TemplateResource.IsPrincipalType(p.Value.StringValue));

    /// <summary>
    /// Collects the object branches of an <c>Fn::If</c> at the Properties level: nested <c>Fn::If</c>s are
    /// followed, <c>{"Ref": "AWS::NoValue"}</c> has nothing to bound, anything else is refused.
    /// </summary>
    /// <param name="noValue">Where the <c>{"Ref": "AWS::NoValue"}</c> branches are (byte offsets).</param>
    private static void CollectBranches(SourceText source, string logicalId, JsonNode fnIf, List<Site> sites, List<int> noValue, PseudoParameters? deployment, int depth)
    {
        if (fnIf.Kind != JsonKind.Array || fnIf.Items.Count != 3)
            throw BoundaryException.File($"{source.Describe(fnIf.Start)}: the {FnIf} at the Properties of {logicalId} is not [condition, value if true, value if false]. Fix it and run again.");
        if (depth > 64)
            throw BoundaryException.File($"{source.Describe(fnIf.Start)}: the {FnIf} at the Properties of {logicalId} is nested too deeply to check. Simplify it and run again.");
        foreach (var branch in fnIf.Items.Skip(1))
        {
            if (branch.IsObject && branch.Properties.Count == 1 && branch.Properties[0] is { Name: "Ref" } reference)
            {
                if (reference.Value.Kind == JsonKind.String && reference.Value.StringValue == "AWS::NoValue")
                {
                    noValue.Add(branch.Start);
                    continue;
                }
            }
            else if (branch.IsObject && branch.Property(FnIf) is { } nested)
            {
                if (branch.Properties.Count != 1)
                    throw BoundaryException.File($"{source.Describe(nested.NameStart)}: a branch of the {FnIf} at the Properties of {logicalId} holds {FnIf} beside other keys. Fix it and run again.");
                CollectBranches(source, logicalId, nested.Value, sites, noValue, deployment, depth + 1);
                continue;
            }
            else if (branch.IsObject)
            {
                // A branch is Properties as much as the whole is: no intrinsic but Fn::If there either.
                if (branch.Properties.FirstOrDefault(p => IsUnreadIntrinsic(p.Name)) is { } intrinsic)
                    RefuseIntrinsicProperties(source, logicalId, intrinsic.Name, intrinsic.NameStart);
                sites.Add(SiteOf(source, logicalId, branch, deployment));
                continue;
            }
            throw BoundaryException.File($"{source.Describe(branch.Start)}: a branch of the {FnIf} at the Properties of {logicalId} is neither a Properties object, another {FnIf}, nor {{\"Ref\": \"AWS::NoValue\"}}, so its permissions boundary cannot be checked. Write each branch as an object and run again.");
        }
    }

    private static Site SiteOf(SourceText source, string logicalId, JsonNode properties, PseudoParameters? deployment)
    {
        RefuseDuplicate(source, properties, BoundaryProperty, logicalId);
        var boundary = properties.Property(BoundaryProperty);
        var (kind, value, choices) = BoundaryOf(source, logicalId, boundary?.Value, deployment);
        return new Site(properties, boundary, kind, value, choices);
    }

    /// <summary>A value that the host treats as no boundary (<c>""</c>, null) is none; a string is a literal; anything else an intrinsic.</summary>
    private static (BoundaryKind Kind, string? Value) KindOf(JsonNode? value) => value switch
    {
        null or { Kind: JsonKind.Null } => (BoundaryKind.None, null),
        { Kind: JsonKind.String } when value.StringValue!.Length == 0 => (BoundaryKind.None, null),
        { Kind: JsonKind.String } => (BoundaryKind.Literal, value.StringValue),
        _ => (BoundaryKind.Intrinsic, null),
    };

    /// <summary>
    /// What a boundary value holds (see <see cref="KindOf"/>). An intrinsic that cannot bound a role is
    /// refused; one that always gives the same string carries that string as its value, and the strings
    /// it may give as its choices.
    /// </summary>
    private static (BoundaryKind Kind, string? Value, IReadOnlyList<string>? Choices) BoundaryOf(SourceText source, string owner, JsonNode? value, PseudoParameters? deployment)
    {
        var (kind, literal) = KindOf(value);
        if (kind != BoundaryKind.Intrinsic)
            return (kind, literal, null);
        // Containers below the parse depth were skipped: read this one whole.
        var full = value!.Kind is JsonKind.Object or JsonKind.Array ? JsonSpanParser.ParseNode(source, value) : value;
        if (UnboundableReason(full) is { } reason)
            throw UnboundableValue(source.Describe(value.Start), owner, reason);
        var budget = IntrinsicTerm.MaxTerms;
        var (always, choices, exceeded) = ConstantIntrinsic.Read(TermOf(source, full, ref budget, 0), deployment);
        if (exceeded || budget < 0)
            throw TooComplex(source.Describe(value.Start), owner);
        return (kind, always, choices);
    }

    /// <summary>A value as <see cref="ConstantIntrinsic"/> reads it: an object of one member named <c>Ref</c> or <c>Fn::...</c> is a function.</summary>
    private static IntrinsicTerm TermOf(SourceText source, JsonNode node, ref int budget, int depth)
    {
        // Past a limit the budget stays below zero: the caller refuses the value.
        if (depth > IntrinsicTerm.MaxDepth)
            budget = -1;
        if (--budget < 0)
            return IntrinsicTerm.Other.Instance;
        switch (node.Kind)
        {
            case JsonKind.String:
                return new IntrinsicTerm.Text(node.StringValue!);
            case JsonKind.Number:
                return new IntrinsicTerm.Number(System.Text.Encoding.UTF8.GetString(source.Bytes[node.Start..node.End]));
            case JsonKind.Array:
                var items = new List<IntrinsicTerm>(node.Items.Count);
                foreach (var item in node.Items)
                    items.Add(TermOf(source, item, ref budget, depth + 1));
                return new IntrinsicTerm.List(items);
            case JsonKind.Object when node.Properties is [{ } only] && (only.Name == "Ref" || only.Name.StartsWith("Fn::", StringComparison.Ordinal)):
                return new IntrinsicTerm.Function(only.Name, TermOf(source, only.Value, ref budget, depth + 1));
            case JsonKind.Object:
                var members = new List<KeyValuePair<string, IntrinsicTerm>>(node.Properties.Count);
                foreach (var member in node.Properties)
                    members.Add(new(member.Name, TermOf(source, member.Value, ref budget, depth + 1)));
                return new IntrinsicTerm.Map(members);
            default:
                return IntrinsicTerm.Other.Instance;
        }
    }

    /// <summary>Why a non-string boundary value cannot bound a role, or null for an intrinsic that may.</summary>
    private static string? UnboundableReason(JsonNode value)
    {
        if (value.Kind != JsonKind.Object)
            return $"is {(value.Kind == JsonKind.Array ? "a list" : "a " + value.Kind.ToString().ToLowerInvariant())}, not a policy ARN";
        if (value.Properties.Count != 1)
            return "is an object that is not one intrinsic function";
        var (name, argument) = (value.Properties[0].Name, value.Properties[0].Value);
        return name switch
        {
            "Ref" when argument.StringValue == "AWS::NoValue" => "is {\"Ref\": \"AWS::NoValue\"}",
            "Fn::Sub" when (argument.Kind == JsonKind.Array && argument.Items.Count > 0 ? argument.Items[0] : argument).StringValue == "" => "is an empty Fn::Sub",
            "Fn::Join" when JoinsToNothing(argument) => "is an Fn::Join of nothing",
            "Fn::Transform" => MacroBoundary,
            _ when IsNothing(value) => $"is an {name} that gives no value whichever way it goes",
            "Ref" or "Condition" => null,
            _ when name.StartsWith("Fn::", StringComparison.Ordinal) => null,
            _ => $"is an object with '{name}', which is not an intrinsic function",
        };
    }

    /// <summary>
    /// A join's <c>[delimiter, list]</c> that gives the empty string whatever the parameters: no values, or
    /// only values that give nothing, one of them or joined by an empty delimiter.
    /// </summary>
    private static bool JoinsToNothing(JsonNode arguments) =>
        arguments is { Kind: JsonKind.Array, Items.Count: 2 } && JoinedIsEmpty(arguments.Items[1], arguments.Items[0] is { Kind: JsonKind.String, StringValue: "" });

    /// <summary>A list (written out, an Fn::Split of nothing, or an Fn::If of such lists) that joins to the empty string.</summary>
    private static bool JoinedIsEmpty(JsonNode list, bool emptyDelimiter)
    {
        if (list.Kind == JsonKind.Array)
        {
            // An AWS::NoValue in a list takes the item out.
            var kept = list.Items.Where(v => !IsNoValue(v)).ToList();
            return kept.All(IsNothing) && (kept.Count <= 1 || emptyDelimiter);
        }
        return SplitsNothing(list) || (IfBranches(list) is var (whenTrue, whenFalse) && JoinedIsEmpty(whenTrue, emptyDelimiter) && JoinedIsEmpty(whenFalse, emptyDelimiter));
    }

    /// <summary>A list (written out, an Fn::Split of nothing, or an Fn::If of such lists) whose every item gives nothing.</summary>
    private static bool EveryItemIsNothing(JsonNode list) =>
        list.Kind == JsonKind.Array ? list.Items.Where(v => !IsNoValue(v)).All(IsNothing)
        : SplitsNothing(list) || (IfBranches(list) is var (whenTrue, whenFalse) && EveryItemIsNothing(whenTrue) && EveryItemIsNothing(whenFalse));

    /// <summary>An <c>Fn::Split</c> of a value that gives nothing: a list of one empty string.</summary>
    private static bool SplitsNothing(JsonNode node) =>
        FunctionArguments(node, "Fn::Split") is { Items.Count: 2 } arguments && IsNothing(arguments.Items[1]);

    private static (JsonNode WhenTrue, JsonNode WhenFalse)? IfBranches(JsonNode node) =>
        FunctionArguments(node, "Fn::If") is { Items.Count: 3 } arguments ? (arguments.Items[1], arguments.Items[2]) : null;

    /// <summary>The argument list of <c>{"Fn::Name": [...]}</c>.</summary>
    private static JsonNode? FunctionArguments(JsonNode node, string name) =>
        node is { Kind: JsonKind.Object, Properties.Count: 1 } && node.Properties[0].Name == name && node.Properties[0].Value is { Kind: JsonKind.Array } arguments ? arguments : null;

    private static bool IsNoValue(JsonNode node) =>
        node is { Kind: JsonKind.Object, Properties.Count: 1 } && node.Properties[0] is { Name: "Ref", Value.StringValue: "AWS::NoValue" };

    /// <summary>
    /// A value CloudFormation reads as no value, or the empty string, whatever the parameters and
    /// conditions: "", null, AWS::NoValue, and the intrinsics made only of those (an Fn::If both of whose
    /// branches are, an Fn::Select from such a list, an Fn::Join or Fn::Sub of them, an Fn::Base64 of one).
    /// </summary>
    private static bool IsNothing(JsonNode node)
    {
        if (node.Kind == JsonKind.Null || node is { Kind: JsonKind.String, StringValue: "" } || IsNoValue(node))
            return true;
        if (node is not { Kind: JsonKind.Object, Properties.Count: 1 })
            return false;
        var (name, argument) = (node.Properties[0].Name, node.Properties[0].Value);
        return name switch
        {
            "Fn::If" => argument is { Kind: JsonKind.Array, Items.Count: 3 } && IsNothing(argument.Items[1]) && IsNothing(argument.Items[2]),
            "Fn::Select" => argument is { Kind: JsonKind.Array, Items.Count: 2 } && EveryItemIsNothing(argument.Items[1]),
            "Fn::Join" => JoinsToNothing(argument),
            "Fn::Base64" => IsNothing(argument),
            "Fn::Sub" => argument.Kind == JsonKind.String ? SubstitutesToNothing(argument.StringValue!, IsNoValueVariable)
                : argument is { Kind: JsonKind.Array, Items.Count: 2 } && argument.Items[0].Kind == JsonKind.String && argument.Items[1].IsObject
                  && SubstitutesToNothing(argument.Items[0].StringValue!, variable => argument.Items[1].Property(variable)?.Value is { } given ? IsNothing(given) : IsNoValueVariable(variable)),
            _ => false,
        };
    }

    /// <summary><c>Globals.Function.PermissionsBoundary</c> of a SAM template, when it holds a value.</summary>
    private static (BoundaryKind, string?, IReadOnlyList<string>?)? GlobalFunctionBoundary(SourceText source, JsonNode root, PseudoParameters? deployment)
    {
        RefuseDuplicate(source, root, "Globals", "the template");
        if (root["Globals"] is not { IsObject: true } globals)
            return null;
        RefuseDuplicate(source, globals, "Function", "Globals");
        if (globals["Function"] is not { IsObject: true } function)
            return null;
        RefuseDuplicate(source, function, BoundaryProperty, "Globals.Function");
        var kind = BoundaryOf(source, "Globals.Function", function[BoundaryProperty], deployment);
        return kind.Kind == BoundaryKind.None ? null : kind;
    }

    /// <summary>
    /// The boundaries of the <c>ScheduleV2</c> events SAM makes a role for (those without a RoleArn); one
    /// with neither is refused. Null when there are none.
    /// </summary>
    private static List<EventBoundary>? SchedulerEventBoundaries(SourceText source, string logicalId, JsonNode properties, PseudoParameters? deployment)
    {
        RefuseDuplicate(source, properties, "Events", logicalId);
        if (properties.Property("Events") is not { } events)
            return null;
        var all = events.Value.Skipped ? JsonSpanParser.ParseNode(source, events.Value) : events.Value;
        if (!all.IsObject)
            return null;
        RefuseEventMacro(source, logicalId, all);
        List<EventBoundary>? found = null;
        foreach (var e in all.Properties)
        {
            if (!e.Value.IsObject)
                continue;
            RefuseEventMacro(source, logicalId, e.Value);
            RefuseDuplicate(source, e.Value, "Type", $"the event {e.Name} of {logicalId}");
            RefuseDuplicate(source, e.Value, PropertiesKey, $"the event {e.Name} of {logicalId}");
            // A type a function or macro gives could be ScheduleV2.
            var eventType = e.Value["Type"];
            if (eventType is { Kind: not JsonKind.String })
                throw EventTypeNotWritten(source, eventType.Start, e.Name, logicalId);
            if (eventType is not { StringValue: SchedulerEvent })
                continue;
            var own = e.Value[PropertiesKey];
            var owner = $"the {SchedulerEvent} event {e.Name} of {logicalId}";
            if (own is { IsObject: true })
            {
                RefuseEventMacro(source, logicalId, own);
                RefuseDuplicate(source, own, "RoleArn", owner);
                RefuseDuplicate(source, own, BoundaryProperty, owner);
            }
            // A macro may give nothing: a RoleArn it writes names no role for sure.
            bool Given(string name) => own is { IsObject: true } && own.Property(name) is { } given && !IsNothing(given.Value)
                && !(name == "RoleArn" && given.Value is { IsObject: true, Properties: [{ Name: "Fn::Transform" }] });
            if (Given("RoleArn"))
                continue;
            if (!Given(BoundaryProperty))
                throw RoleWithoutBoundary(source, $"{owner} has neither a RoleArn nor a PermissionsBoundary", e.NameStart, "Give the event a PermissionsBoundary (or a RoleArn of a role of the template)");
            var (kind, value, choices) = BoundaryOf(source, owner, own![BoundaryProperty], deployment);
            var (line, column) = source.Position(e.NameStart);
            (found ??= []).Add(new EventBoundary(e.Name, kind, value, line, column) { Choices = choices });
        }
        return found;
    }

    /// <summary>A macro (an <c>Fn::</c> key) where it decides a SAM resource's events, which can make roles: refused.</summary>
    private static void RefuseEventMacro(SourceText source, string logicalId, JsonNode node)
    {
        if (node.Properties.FirstOrDefault(p => p.Name.StartsWith("Fn::", StringComparison.Ordinal)) is { } key)
            throw EventMacro(source, key.NameStart, logicalId);
    }

    /// <summary>Whether a SAM function's IgnoreGlobals (a resource attribute: <c>"*"</c>, or a list of names) keeps Globals' <paramref name="name"/> from it.</summary>
    private static bool IgnoresGlobal(SourceText source, JsonNode resource, string name)
    {
        if (!resource.IsObject || resource.Property("IgnoreGlobals") is not { } ignore)
            return false;
        var value = ignore.Value.Skipped ? JsonSpanParser.ParseNode(source, ignore.Value) : ignore.Value;
        return value.StringValue == "*" || (value.Kind == JsonKind.Array && value.Items.Any(i => i.StringValue is "*" || i.StringValue == name));
    }

    private static DeploymentPreferenceRead? DeploymentPreferenceOf(SourceText source, JsonNode properties)
    {
        if (properties.Property(DeploymentPreference) is not { } preference)
            return null;
        var value = preference.Value.Skipped ? JsonSpanParser.ParseNode(source, preference.Value) : preference.Value;
        if (!value.IsObject)
            return new DeploymentPreferenceRead(false, null, preference.NameStart);
        return new DeploymentPreferenceRead(
            value.Property("Role") is { } role ? !IsNothing(role.Value) : null,
            // As SAM reads it: false, or the strings "false" and "False", turn it off; anything else leaves it on.
            value.Property("Enabled")?.Value switch { null => null, { Kind: JsonKind.False } => false, { Kind: JsonKind.String, StringValue: "false" or "False" } => false, _ => true },
            preference.NameStart);
    }

    /// <summary>
    /// Two members of one name where a role is decided: readers differ on which one counts (the first,
    /// the last, an error), so a role could be bounded for one and not for another.
    /// </summary>
    private static void RefuseDuplicate(SourceText source, JsonNode owner, string name, string where)
    {
        if (!owner.IsObject)
            return;
        var count = 0;
        foreach (var property in owner.Properties)
            if (property.Name == name && ++count > 1)
                throw Duplicate(source, property.NameStart, name, where);
    }

    private static BoundaryException Duplicate(SourceText source, int offset, string name, string where) =>
        BoundaryException.File($"{source.Describe(offset)}: '{name}' appears twice in {where}; readers disagree on which one counts, so whether a role is bounded cannot be decided. Keep one and run again.");

    private BoundaryException Unsupported(TemplateResource resource, JsonNode node, string why) =>
        BoundaryException.File($"{Source.Describe(node.Start)}: cannot add a permissions boundary to {Text.Printable.Of(resource.LogicalId)}: {why}. Give it a Properties object and run again.");

    /// <param name="Properties">The object that holds (or would hold) PermissionsBoundary.</param>
    /// <param name="Boundary">Its PermissionsBoundary member, also when the value is empty.</param>
    /// <param name="Choices">For an intrinsic boundary, the strings it may give (<see cref="ConstantIntrinsic.Read"/>).</param>
    private sealed record Site(JsonNode Properties, JsonProperty? Boundary, BoundaryKind Kind, string? Value, IReadOnlyList<string>? Choices = null)
    {
        public BranchBoundary Describe(SourceText source)
        {
            var (line, column) = source.Position(Properties.Start);
            return new BranchBoundary(Kind, Value, line, column) { Choices = Choices };
        }
    }

    /// <param name="Sites">The places a boundary goes: null when Properties is missing or not an object.</param>
    private sealed record ResourceNodes(JsonNode Resource, IReadOnlyList<Site>? Sites);
}
