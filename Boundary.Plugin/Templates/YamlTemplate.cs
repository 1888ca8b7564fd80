using Boundary.Core;
using Boundary.Text;
using Boundary.Yaml;

namespace Boundary.Templates;

/// <summary>
/// A YAML template: positions come from <see cref="YamlSpanParser"/> (YamlDotNet's parser events, so
/// CloudFormation's short-form tags are just tags), edits from <see cref="YamlTemplateEditor"/>.
/// Comments, anchors, aliases, merge keys, tags and quoting outside the inserted or removed text stay
/// byte for byte as they were.
/// </summary>
public sealed class YamlTemplate : CloudFormationTemplate
{
    private const string PropertiesKey = "Properties";
    private const string FnIf = "Fn::If";

    private readonly YamlTemplateEditor editor;

    // Each principal's nodes, in the order of Principals (file order, so by offset): a dictionary's
    // entries and the resources' hashing would cost more than a binary search.
    private readonly List<ResourceNodes> nodes;
    private readonly Dictionary<YamlNode, YamlNode> aliased;

    private YamlTemplate(SourceText source, List<TemplateResource> principals, List<ResourceNodes> nodes, Dictionary<YamlNode, YamlNode> aliased)
        : base(source)
    {
        editor = new YamlTemplateEditor(source);
        Principals = principals;
        this.nodes = nodes;
        this.aliased = aliased;
    }

    public override TemplateFormat Format => TemplateFormat.Yaml;

    public override IReadOnlyList<TemplateResource> Principals { get; }

    /// <param name="deployment">The pseudo parameters the deployment gives, for reading boundaries built from them.</param>
    public static new YamlTemplate? Load(SourceText source, PseudoParameters? deployment = null)
    {
        if (ReadResources(source, deployment) is not { } read)
            return null;
        // The document's other nodes are garbage from here on. In a large template the young collections
        // have moved most of them to the old generation: freed now, before the principals' records take
        // memory, not after.
        YoungGeneration.AfterLargeParse(source.Length);
        var (aliased, globals) = (read.Aliased, read.Globals);
        var principals = new List<TemplateResource>(read.Candidates.Count);
        var nodes = new List<ResourceNodes>(read.Candidates.Count);
        foreach (var (entry, resource, isAlias) in read.Candidates)
        {
            var logicalId = entry.Name!;
            RefuseDuplicate(source, resource, "Type", logicalId);
            RefuseDuplicate(source, resource, PropertiesKey, logicalId);
            var type = Find(resource, "Type")!.Entry.Value.Resolved!;
            var properties = Find(resource, PropertiesKey);
            var shared = read.SharedAbove ?? Shared(aliased, resource);
            Site? site = null;
            List<Site>? branchSites = null;
            IReadOnlyList<BranchBoundary>? branches = null;
            if (properties?.Entry.Value.Resolved is { } written)
                RefuseIntrinsicProperties(source, logicalId, IntrinsicOf(written, out var at), at);
            if (type.Value == TemplateResource.SamFunction)
                RefuseDeploymentPreferenceWithoutRole(source, logicalId, properties?.Entry.Value.Resolved is { IsMapping: true } functionProperties ? DeploymentPreferenceOf(functionProperties) : null,
                    IgnoresGlobal(resource, DeploymentPreference) ? null : read.GlobalPreference);
            var events = type.Value is TemplateResource.SamFunction or TemplateResource.SamStateMachine && properties?.Entry.Value.Resolved is { IsMapping: true } samProperties
                ? SchedulerEventBoundaries(source, logicalId, samProperties, deployment)
                : null;
            if (properties?.Entry.Value.Resolved is { } propertiesValue && FnIfOf(source, logicalId, propertiesValue) is { } fnIf)
            {
                branchSites = [];
                var noValue = new List<int>();
                CollectBranches(source, logicalId, fnIf, branchSites, noValue, aliased, shared ?? Shared(aliased, propertiesValue), deployment, 0);
                branches = WithNoValueBranches(source, type.Value, branchSites.Select(s => s.Describe(source)).ToList(), noValue);
            }
            else if (properties?.Entry.Value.Resolved is { IsMapping: true } propertiesMapping)
            {
                site = SiteOf(source, logicalId, propertiesMapping, shared ?? Shared(aliased, propertiesMapping), deployment);
            }
            var (kind, value) = branches is not null
                ? TemplateResource.Combine(branches)
                : site is not null ? (site.Kind, site.Value) : (BoundaryKind.None, null);
            var choices = branches is null ? site?.Choices : null;
            var fromGlobals = false;
            if (kind == BoundaryKind.None && branches is null && type.Value == TemplateResource.SamFunction && globals is { } inherited && !IgnoresGlobal(resource, BoundaryProperty))
            {
                (kind, value, choices) = inherited;
                fromGlobals = true;
            }
            var (line, column) = source.Position(entry.KeyStart);
            var principal = new TemplateResource(logicalId, TemplateResource.CanonicalType(type.Value!), entry.KeyStart, line, column, kind, value, properties is not null)
            {
                Branches = branches,
                FromGlobals = fromGlobals,
                Choices = choices,
                EventBoundaries = events,
            };
            principals.Add(principal);
            nodes.Add(new ResourceNodes(entry, resource, isAlias, site, branchSites, shared));
        }
        // After the problems of the principals before it, as they come in the file.
        if (read.Duplicate is { } duplicate)
            throw Duplicate(source, duplicate.Offset, duplicate.LogicalId, "Resources");
        return new YamlTemplate(source, principals, nodes, aliased);
    }

    /// <summary>
    /// What <see cref="Load"/> needs of the whole document: the resources that are principals (each
    /// logical id checked against every other), SAM's Globals boundary and what aliases share. Null when
    /// the file is not a template. Only the principals' nodes are kept.
    /// </summary>
    private static ResourcesRead? ReadResources(SourceText source, PseudoParameters? deployment)
    {
        var mappingRead = (YamlNode mapping, int depth) =>
        {
            KeepOnlyTypeOfOtherResources(mapping, depth);
            // Once a resource in a file whose parse alone makes a young budget of garbage. A smaller
            // file is collected after it is read, when its nodes are garbage too: part way, each
            // collection would copy them into the older generations, only for them to die there.
            if (depth == 2)
                YoungGeneration.TickWithin(source.Length, YoungGeneration.LargeYamlFile);
        };
        if (YamlSpanParser.Parse(source, mappingRead, AfterTypeOfOtherResource) is not { } document)
            return null;
        // Only the first document is read: a role in a later one would go unchecked. CloudFormation and the
        // host read a template as one document.
        if (document.NextDocument is { } next)
            throw BoundaryException.File($"{source.Describe(next)}: a second YAML document starts here; a CloudFormation template is one document, and roles in a later one would not be checked. Keep one document in the file (or move the file out of the backend folder) and run again.");
        if (document.Root.Resolved is not { IsMapping: true } root)
            return null;
        // Before deciding this is a template: Resources, a logical id or a Type written as a key that is
        // not text is one all the same for some reader, wherever it stands (a merge key brings it along).
        // (A document without aliases has none written as a key: every alias, also one in a skipped
        // collection, is in the document's list.)
        if (document.CollectionKeys.Count > 0)
            throw CollectionKey(source, document.CollectionKeys[0].Start);
        if (document.Aliases.Count > 0)
            RefuseAliasKeys(source, root);
        RefuseDuplicate(source, root, "Resources", "the template");
        // The short form of Fn::Transform is a tag: as a key is refused in Resources, so is the tag there.
        RefuseTransformTag(source, Find(root, "Resources")?.Entry.Value.Resolved);
        if (Find(root, "Resources")?.Entry.Value.Resolved is not { IsMapping: true } resources)
            return null;
        // And so is a role a merge key brings into Resources, also when Resources holds nothing else.
        RefuseMergedPrincipals(source, resources);
        // Before deciding this is a template: a loop can make a resource's Type too.
        foreach (var key in resources.Entries)
        {
            if (key.Name is { } name)
                RefuseGeneratedResources(source, name, key.KeyStart);
            RefuseTransformTag(source, key.Value.Resolved);
            if (key.Value.Resolved is not { IsMapping: true } resource)
                continue;
            // By index: an enumerator a resource was megabytes of garbage in a template of 200,000.
            var members = resource.Entries;
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i].Name is { } memberName)
                    RefuseGeneratedResources(source, memberName, members[i].KeyStart);
                if (members[i].IsMerge)
                    RefuseGeneratedKeysMerged(source, members[i].Value.Resolved, 0);
            }
        }
        RefuseDuplicate(source, root, "Transform", "the template");
        if (Find(root, "Transform")?.Entry.Value.Resolved is { } transform)
            RefuseUnknownTransforms(source, transform.Kind switch
            {
                YamlKind.Scalar when transform.Tag is null => [(transform.Value, transform.Start)],
                YamlKind.Sequence => transform.Items.Select(i => (i.Resolved is { Kind: YamlKind.Scalar, Tag: null } item ? item.Value : null, i.Start)),
                _ => [((string?)null, transform.Start)],
            });
        if (resources.Entries.Count > 0 && !resources.Entries.Any(e => e.Value.Resolved is { IsMapping: true } r && Find(r, "Type") is not null))
            return null;
        var globals = GlobalFunctionBoundary(source, root, deployment);
        var globalPreference = Find(root, "Globals")?.Entry.Value.Resolved is { IsMapping: true } globalSection
            && Find(globalSection, "Function")?.Entry.Value.Resolved is { IsMapping: true } globalFunction
            ? DeploymentPreferenceOf(globalFunction)
            : null;
        // Without aliases nothing is shared, and no set of every resource is built (large templates).
        var written = document.Aliases.Count > 0 ? resources.Entries.Select(e => e.Value).ToHashSet(ReferenceEqualityComparer.Instance) : [];
        var aliased = AliasUses(document.Aliases, resources, written);
        var sharedAbove = Shared(aliased, root, resources);
        var candidates = new List<Candidate>();
        // Whether the logical id seen before was a principal's: one flag, not the entry, for each resource.
        var seen = new Dictionary<string, bool>(resources.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in resources.Entries)
        {
            if (entry.IsMerge || entry.Name is not { } logicalId)
                continue;
            if (entry.Value.Resolved is { IsMapping: true } declared && RoleMakingTypeOf(declared) is { } type)
            {
                RefuseRoleMakingType(source, logicalId, type.Value, entry.KeyStart);
                if (type.Value == TemplateResource.SamCapacityProvider
                    && !(Find(declared, PropertiesKey)?.Entry.Value.Resolved is { IsMapping: true } provider && Find(provider, "OperatorRole") is { } operatorRole && !IsNothing(operatorRole.Entry.Value.Resolved)))
                    throw RoleWithoutBoundary(source, $"{logicalId} is an AWS::Serverless::CapacityProvider without an OperatorRole", entry.KeyStart, "Give it an OperatorRole of the template (which then gets the boundary)");
            }
            var isPrincipal = IsPrincipal(entry.Value.Resolved);
            if (seen.TryGetValue(logicalId, out var earlierIsPrincipal) && (isPrincipal || earlierIsPrincipal))
                return new ResourcesRead(candidates, globals, aliased, sharedAbove, (entry.KeyStart, logicalId)) { GlobalPreference = globalPreference };
            seen[logicalId] = isPrincipal;
            if (!isPrincipal || entry.Value.Resolved is not { IsMapping: true } resource)
                continue;
            var isAlias = entry.Value.Kind == YamlKind.Alias;
            if (isAlias && written.Contains(resource))
                continue; // an alias of another resource here: adding to that one covers both
            candidates.Add(new Candidate(entry, resource, isAlias));
        }
        return new ResourcesRead(candidates, globals, aliased, sharedAbove, null) { GlobalPreference = globalPreference };
    }

    /// <summary>
    /// A mapping that is plainly a resource of another type (one Type key, a string of no principal type,
    /// no merge key, no anchor) keeps only its Type entry: that is all <see cref="Load"/> reads of it, and
    /// a large template's other resources would otherwise hold most of its nodes. Anything less plain is
    /// kept whole, so no principal can hide behind the pruning.
    /// </summary>
    private static void KeepOnlyTypeOfOtherResources(YamlNode mapping, int depth)
    {
        if (depth != 2 || mapping.Anchor is not null)
            return;
        YamlEntry? found = null;
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // Outside Resources the one mapping read is Globals.Function, for its boundary: never dropped. A
            // function key (Fn::Transform) can make the resource anything: Load refuses it, so it stays.
            if (entry.IsMerge || entry.Name is null || entry.Name == BoundaryProperty || entry.Name.StartsWith("Fn::", StringComparison.Ordinal))
                return;
            if (entry.Name != "Type")
                continue;
            if (found is not null)
                return;
            found = entry;
        }
        if (found is not { } type || type.Value.Kind != YamlKind.Scalar || !type.Value.IsString || TemplateResource.KeepsProperties(type.Value.Value))
            return;
        if (entries.Count > 1)
            mapping.SetEntries([type]);
    }

    /// <summary>
    /// Once a mapping at the resources' depth has a Type that is a plain string of no principal type, its
    /// later values need no nodes: <see cref="KeepOnlyTypeOfOtherResources"/> drops them, a second Type
    /// is a scalar (still read), and what may bring a principal in (a merge value, an anchored node, an
    /// anchored mapping's content) is read whole wherever it is.
    /// </summary>
    private static bool AfterTypeOfOtherResource(YamlEntry entry, int depth) =>
        depth == 2 && !entry.IsMerge && entry.Name == "Type"
        && entry.Value is { Kind: YamlKind.Scalar, IsString: true } type && !TemplateResource.KeepsProperties(type.Value);

    public override TextEdit AddBoundary(TemplateResource resource, string arn)
    {
        RefuseNoValueBranch(resource);
        var owner = OwnMapping(resource, "add");
        RefuseShared(resource, owner, owner.Shared, "add");
        var properties = Find(owner.Resource, PropertiesKey);
        if (properties is null)
        {
            var type = Find(owner.Resource, "Type");
            var after = type is { Inherited: false } ? type.Entry : owner.Resource.Entries[^1];
            return editor.AddProperties(owner.Entry.Key, owner.Resource, after, resource.LogicalId, arn);
        }
        if (properties.Inherited)
            throw Unsupported(resource, properties.Entry.Key, "add", "its Properties come from a merge key (<<), and a Properties key here would replace all of them", "Write its Properties out in the resource");
        var value = properties.Entry.Value;
        if (value.Kind == YamlKind.Alias)
            throw Unsupported(resource, value, "add", "its Properties is an alias (*name) of a mapping other places may share", "Write its Properties out in the resource");
        if (value.IsNull)
            return editor.FillNullProperties(owner.Entry.Key, owner.Resource, properties.Entry, resource.LogicalId, arn);
        if (owner.Sites is null)
            throw Unsupported(resource, value, "add", "its Properties is not a mapping", "Give it a Properties mapping");
        var edits = new List<TextEdit>();
        foreach (var site in owner.Sites.Where(s => s.Kind == BoundaryKind.None))
        {
            RefuseShared(resource, owner, site.Shared, "add");
            edits.Add(site.Boundary is { Inherited: false } empty
                ? editor.FillEmptyBoundary(resource, site.Mapping, empty.Entry, arn)
                : editor.InsertBoundary(resource, site.Mapping, arn));
        }
        if (edits.Count == 0)
            throw Unsupported(resource, value, "add", "its Fn::If has no mapping branch to hold one", "Give it a Properties mapping");
        return TextEdit.Merge(Source.Bytes, edits);
    }

    public override TextEdit ReplaceBoundary(TemplateResource resource, string arn)
    {
        if (resource.Boundary != BoundaryKind.Literal)
            throw new InvalidOperationException($"{resource.LogicalId} has no literal {BoundaryProperty} to replace.");
        if (resource.Branches is not null)
        {
            var sites = OwnLiteralSites(resource, "replace");
            return TextEdit.Merge(Source.Bytes, sites.Select(s => editor.ReplaceBoundary(resource, s.Mapping, s.Boundary!.Entry, arn)).ToList());
        }
        var (properties, _, boundary) = OwnBoundary(resource, "replace");
        return editor.ReplaceBoundary(resource, properties, boundary, arn);
    }

    public override TextEdit RemoveBoundary(TemplateResource resource)
    {
        if (resource.Branches is not null)
        {
            var sites = OwnLiteralSites(resource, "remove");
            return TextEdit.Merge(Source.Bytes, sites.Select(s => editor.RemoveEntry(resource, s.Mapping, s.Boundary!.Entry)).ToList());
        }
        var (properties, propertiesEntry, boundary) = OwnBoundary(resource, "remove");
        var owner = NodesOf(resource).Resource;
        // Properties that hold only the boundary, laid out as AddProperties writes them (block in a block
        // resource, flow in a flow one), go with it: that undoes AddProperties exactly, and a block
        // Properties key left without entries would be null. A flow {} in a block resource stays.
        return properties.Entries.Count == 1 && properties.IsFlow == owner.IsFlow
            ? editor.RemoveEntry(resource, owner, propertiesEntry)
            : editor.RemoveEntry(resource, properties, boundary);
    }

    private List<Site> OwnLiteralSites(TemplateResource resource, string verb)
    {
        var owner = OwnMapping(resource, verb);
        var sites = owner.Sites?.Where(s => s.Kind == BoundaryKind.Literal && s.Value == resource.BoundaryValue).ToList();
        if (resource.Boundary != BoundaryKind.Literal || sites is null || sites.Count == 0)
            throw new InvalidOperationException($"{resource.LogicalId} has no literal {BoundaryProperty} to {verb}.");
        foreach (var site in sites)
        {
            RefuseShared(resource, owner, site.Shared, verb);
            if (site.Boundary!.Inherited)
                throw Unsupported(resource, site.Boundary.Entry.Key, verb, $"its {BoundaryProperty} comes from a merge key (<<)", "Change the anchored mapping by hand");
        }
        return sites;
    }

    /// <summary>An edit below a node anchored and used elsewhere would change that other place too.</summary>
    private void RefuseShared(TemplateResource resource, ResourceNodes owner, YamlNode? shared, string verb)
    {
        if (shared is null)
            return;
        var use = aliased[shared];
        throw Unsupported(resource, shared, verb,
            $"the edit would fall inside the node anchored as &{shared.Anchor}, which is also used at {Source.Describe(use.Start)} (*{use.Value}), so that place would change too",
            "Write the anchored node out where it is used (or drop the alias)");
    }

    private static bool IsPrincipal(YamlNode? resource) =>
        resource is { IsMapping: true } && Find(resource, "Type")?.Entry.Value.Resolved is { IsString: true } type && TemplateResource.IsPrincipalType(type.Value);

    /// <summary>
    /// Every node some alias refers to, with its first alias in the file. Aliases that are themselves
    /// resources of a resource written here are left out: adding to that one covers both, as it should.
    /// </summary>
    private static Dictionary<YamlNode, YamlNode> AliasUses(IReadOnlyList<YamlNode> aliases, YamlNode resources, HashSet<object?> written)
    {
        var uses = new Dictionary<YamlNode, YamlNode>(ReferenceEqualityComparer.Instance);
        var resourceAliases = resources.Entries.Where(e => e.Value.Kind == YamlKind.Alias && e.Value.Target is { } t && written.Contains(t)).Select(e => e.Value).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var alias in aliases)
            if (alias.Target is { } target && !resourceAliases.Contains(alias))
                uses.TryAdd(target, alias);
        return uses;
    }

    private static YamlNode? Shared(Dictionary<YamlNode, YamlNode> aliased, params YamlNode[] chain) =>
        chain.FirstOrDefault(aliased.ContainsKey);

    /// <summary>
    /// An alias written as a key (<c>*k : AWS::IAM::Role</c> after <c>&amp;k Type</c>) is, for every YAML
    /// reader, the key it refers to; here it names nothing, so Resources, a logical id, a Type, Properties
    /// or a PermissionsBoundary written that way would go unseen and a role would slip past. Refused
    /// wherever it stands in what was read (aliased nodes followed).
    /// </summary>
    private static void RefuseAliasKeys(SourceText source, YamlNode root)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<YamlNode>();
        pending.Push(root);
        while (pending.TryPop(out var written))
        {
            if (written.Resolved is not { Kind: YamlKind.Mapping or YamlKind.Sequence, Skipped: false } node || !seen.Add(node))
                continue;
            if (node.IsMapping)
            {
                foreach (var entry in node.Entries)
                {
                    if (entry.Name is null && entry.Key is { Kind: YamlKind.Alias } alias)
                        throw BoundaryException.File($"{source.Describe(entry.KeyStart)}: the alias *{alias.Value} is used as a key; YAML readers take it as the key it refers to, which cannot be checked here, so a role could hide behind it. Write the key out and run again.");
                    pending.Push(entry.Value);
                }
            }
            else
            {
                foreach (var item in node.Items)
                    pending.Push(item);
            }
        }
    }

    /// <summary>
    /// A key that is a list or a mapping (<c>[Admin]:</c>, <c>? [Type]</c>): readers disagree on what it
    /// names (js-yaml, which the host reads templates with, makes <c>[Admin]</c> the logical id
    /// <c>Admin</c>, where a stricter reader refuses the file), so a role could hide behind it.
    /// </summary>
    private static BoundaryException CollectionKey(SourceText source, int offset) =>
        BoundaryException.File($"{source.Describe(offset)}: a key is a list or a mapping; YAML readers disagree on what it names (the host's reader takes [Admin] as Admin), so a role could hide behind it. Write the key as plain text and run again.");

    /// <summary>
    /// A merge key in Resources that brings in a principal: CloudFormation's support for merge keys is
    /// limited, and a role seen by one reader and not another is a role that slips past; refused.
    /// </summary>
    private static void RefuseMergedPrincipals(SourceText source, YamlNode resources)
    {
        if (!resources.Entries.Any(e => e.IsMerge))
            return;
        var explicitNames = resources.Entries.Where(e => !e.IsMerge && e.Name is not null).Select(e => e.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var merge in resources.Entries.Where(e => e.IsMerge))
            foreach (var (name, value) in Merged(merge.Value, 0))
                if (!explicitNames.Contains(name) && IsPrincipal(value.Resolved))
                    throw BoundaryException.File($"{source.Describe(merge.KeyStart)}: the merge key (<<) brings {name} ({Find(value.Resolved!, "Type")!.Entry.Value.Resolved!.Value}) into Resources; CloudFormation's support for merge keys is limited and whether that role is bounded cannot be decided here. Write {name} out in Resources and run again.");
    }

    private static IEnumerable<(string Name, YamlNode Value)> Merged(YamlNode mergeValue, int depth)
    {
        if (depth > 32)
            yield break;
        var sources = mergeValue.Resolved is { Kind: YamlKind.Sequence } sequence ? sequence.Items.Select(i => i.Resolved) : [mergeValue.Resolved];
        foreach (var source in sources)
        {
            if (source is not { IsMapping: true })
                continue;
            foreach (var entry in source.Entries)
            {
                if (entry.IsMerge)
                {
                    foreach (var nested in Merged(entry.Value, depth + 1))
                        yield return nested;
                }
                else if (entry.Name is { } name)
                {
                    yield return (name, entry.Value);
                }
            }
        }
    }

    /// <summary>The intrinsic function other than Fn::If that Properties are written as (a short-form tag, or a key of a mapping), else null.</summary>
    private static string? IntrinsicOf(YamlNode properties, out int offset)
    {
        offset = properties.Start;
        if (IsShortFormTag(properties.Tag) && properties.Tag != "!If")
            return properties.Tag;
        if (!properties.IsMapping)
            return null;
        foreach (var entry in properties.Entries)
            if (!entry.IsMerge && IsUnreadIntrinsic(entry.Name))
            {
                offset = entry.KeyStart;
                return entry.Name;
            }
        return null;
    }

    /// <summary>The <c>[condition, then, else]</c> of an <c>Fn::If</c> written as the Properties (<c>!If</c> or <c>{Fn::If: ...}</c>), else null.</summary>
    private static YamlNode? FnIfOf(SourceText source, string logicalId, YamlNode node)
    {
        if (node is { Kind: YamlKind.Sequence, Tag: "!If" })
            return node;
        if (!node.IsMapping || !node.Entries.Any(e => !e.IsMerge && e.Name == FnIf))
            return null;
        if (node.Entries.Count != 1)
            throw BoundaryException.File($"{source.Describe(node.Entries.First(e => e.Name == FnIf).KeyStart)}: {FnIf} stands beside other keys at the Properties of {logicalId}, which CloudFormation refuses. Make it the only key and run again.");
        return node.Entries[0].Value.Resolved ?? node.Entries[0].Value;
    }

    /// <summary>The mapping branches of an <c>Fn::If</c>, nested ones followed; <c>AWS::NoValue</c> has nothing to bound; anything else is refused.</summary>
    /// <param name="noValue">Where the <c>AWS::NoValue</c> branches are (byte offsets).</param>
    private static void CollectBranches(SourceText source, string logicalId, YamlNode fnIf, List<Site> sites, List<int> noValue, Dictionary<YamlNode, YamlNode> aliased, YamlNode? shared, PseudoParameters? deployment, int depth)
    {
        if (fnIf.Kind != YamlKind.Sequence || fnIf.Items.Count != 3)
            throw BoundaryException.File($"{source.Describe(fnIf.Start)}: the {FnIf} at the Properties of {logicalId} is not [condition, value if true, value if false]. Fix it and run again.");
        if (depth > 64)
            throw BoundaryException.File($"{source.Describe(fnIf.Start)}: the {FnIf} at the Properties of {logicalId} is nested too deeply to check. Simplify it and run again.");
        shared ??= Shared(aliased, fnIf);
        foreach (var written in fnIf.Items.Skip(1))
        {
            var branch = written.Resolved;
            if (IsNoValue(branch))
            {
                noValue.Add(written.Start);
                continue;
            }
            // A branch is Properties as much as the whole is: no intrinsic but Fn::If there either.
            if (branch is not null)
                RefuseIntrinsicProperties(source, logicalId, IntrinsicOf(branch, out var at), at);
            if (branch is not null && FnIfOf(source, logicalId, branch) is { } nested)
            {
                CollectBranches(source, logicalId, nested, sites, noValue, aliased, shared ?? Shared(aliased, branch), deployment, depth + 1);
                continue;
            }
            if (branch is { IsMapping: true })
            {
                sites.Add(SiteOf(source, logicalId, branch, shared ?? Shared(aliased, branch), deployment));
                continue;
            }
            throw BoundaryException.File($"{source.Describe(written.Start)}: a branch of the {FnIf} at the Properties of {logicalId} is neither a Properties mapping, another {FnIf}, nor !Ref AWS::NoValue, so its permissions boundary cannot be checked. Write each branch as a mapping and run again.");
        }
    }

    private static Site SiteOf(SourceText source, string logicalId, YamlNode mapping, YamlNode? shared, PseudoParameters? deployment)
    {
        RefuseDuplicate(source, mapping, BoundaryProperty, logicalId);
        var boundary = Find(mapping, BoundaryProperty);
        var (kind, value, choices) = BoundaryOf(source, logicalId, boundary?.Entry.Value, deployment);
        return new Site(mapping, boundary, kind, value, shared, choices);
    }

    /// <summary>Empty values (nothing, <c>~</c>, null, <c>""</c>), which the host treats as no boundary, are none; a string is a literal; anything else an intrinsic.</summary>
    private static (BoundaryKind Kind, string? Value) KindOf(YamlNode? value, bool present)
    {
        if (!present)
            return (BoundaryKind.None, null);
        if (value is { Kind: YamlKind.Scalar } scalar && (scalar.IsNull || scalar.Tag == "tag:yaml.org,2002:null" || (scalar.IsString && scalar.Value == "")))
            return (BoundaryKind.None, null);
        return value is { IsString: true } ? (BoundaryKind.Literal, value.Value) : (BoundaryKind.Intrinsic, null);
    }

    /// <summary>
    /// What a boundary value (<paramref name="written"/>, null when there is no such key) holds (see
    /// <see cref="KindOf"/>). An intrinsic that cannot bound a role is refused; one that always gives the
    /// same string carries that string as its value, and the strings it may give as its choices.
    /// </summary>
    private static (BoundaryKind Kind, string? Value, IReadOnlyList<string>? Choices) BoundaryOf(SourceText source, string owner, YamlNode? written, PseudoParameters? deployment)
    {
        var (kind, literal) = KindOf(written?.Resolved, written is not null);
        if (kind != BoundaryKind.Intrinsic)
            return (kind, literal, null);
        if (written!.Resolved is { } value && UnboundableReason(value) is { } reason)
            throw UnboundableValue(source.Describe(written.Start), owner, reason);
        var budget = IntrinsicTerm.MaxTerms;
        var (always, choices, exceeded) = ConstantIntrinsic.Read(TermOf(written.Resolved, ref budget, 0), deployment);
        if (exceeded || budget < 0)
            throw TooComplex(source.Describe(written.Start), owner);
        return (kind, always, choices);
    }

    /// <summary>
    /// A value as <see cref="ConstantIntrinsic"/> reads it: a short-form tag (<c>!Sub</c>) or a mapping of
    /// one <c>Ref</c> or <c>Fn::...</c> key is a function; aliases are followed.
    /// </summary>
    private static IntrinsicTerm TermOf(YamlNode? node, ref int budget, int depth)
    {
        // Past a limit the budget stays below zero: the caller refuses the value.
        if (depth > IntrinsicTerm.MaxDepth)
            budget = -1;
        if (node is null || --budget < 0)
            return IntrinsicTerm.Other.Instance;
        if (IsShortFormTag(node.Tag))
            return new IntrinsicTerm.Function(node.Tag is "!Ref" or "!Condition" ? node.Tag[1..] : "Fn::" + node.Tag![1..], UntaggedTermOf(node, ref budget, depth));
        if (node.Kind == YamlKind.Scalar)
            return node.IsString ? new IntrinsicTerm.Text(node.Value!)
                : node is { Tag: null, Value: { Length: > 0 } digits } && digits.All(char.IsAsciiDigit) ? new IntrinsicTerm.Number(digits)
                : IntrinsicTerm.Other.Instance;
        if (node.Tag is not null)
            return IntrinsicTerm.Other.Instance;
        if (node is { IsMapping: true, Entries: [{ IsMerge: false, Name: { } name } only] } && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal)))
            return new IntrinsicTerm.Function(name, TermOf(only.Value.Resolved, ref budget, depth + 1));
        return UntaggedTermOf(node, ref budget, depth);
    }

    /// <summary>
    /// A mapping's members, with those a merge key (<c>&lt;&lt;</c>) brings in beside its own: readers
    /// disagree about which of two equal names counts, so <see cref="ConstantIntrinsic"/> takes either.
    /// False for a key that is not text, or a merge of something other than mappings.
    /// </summary>
    private static bool AddMembers(YamlNode mapping, List<KeyValuePair<string, IntrinsicTerm>> members, ref int budget, int depth)
    {
        if (depth > IntrinsicTerm.MaxDepth)
        {
            budget = -1;
            return false;
        }
        foreach (var entry in mapping.Entries)
        {
            if (entry.IsMerge)
            {
                var merged = entry.Value.Resolved;
                foreach (var source in merged is { Kind: YamlKind.Sequence } ? merged.Items.Select(i => i.Resolved) : [merged])
                {
                    if (source is not { IsMapping: true } || !AddMembers(source, members, ref budget, depth + 1))
                        return false;
                }
                continue;
            }
            if (entry.Name is not { } name)
                return false;
            members.Add(new(name, TermOf(entry.Value.Resolved, ref budget, depth + 1)));
        }
        return true;
    }

    /// <summary>A node read without its tag: the argument of a short-form function is the tagged node itself.</summary>
    private static IntrinsicTerm UntaggedTermOf(YamlNode node, ref int budget, int depth)
    {
        switch (node.Kind)
        {
            case YamlKind.Scalar:
                return new IntrinsicTerm.Text(node.Value!);
            case YamlKind.Sequence:
                var items = new List<IntrinsicTerm>(node.Items.Count);
                foreach (var item in node.Items)
                    items.Add(TermOf(item.Resolved, ref budget, depth + 1));
                return new IntrinsicTerm.List(items);
            case YamlKind.Mapping:
                var members = new List<KeyValuePair<string, IntrinsicTerm>>(node.Entries.Count);
                return AddMembers(node, members, ref budget, depth) ? new IntrinsicTerm.Map(members) : IntrinsicTerm.Other.Instance;
            default:
                return IntrinsicTerm.Other.Instance;
        }
    }

    /// <summary>Why a non-string boundary value cannot bound a role, or null for an intrinsic that may.</summary>
    private static string? UnboundableReason(YamlNode value)
    {
        switch (value.Kind)
        {
            case YamlKind.Scalar:
                return value.Tag switch
                {
                    "!Ref" when value.Value == "AWS::NoValue" => "is !Ref AWS::NoValue",
                    "!Sub" when value.Value == "" => "is an empty !Sub",
                    "!Transform" => MacroBoundary,
                    not null when value.Tag.StartsWith('!') && value.Tag.Length > 1 && GivesNothing(value, $"a {value.Tag}") is { } nothing => nothing,
                    not null when value.Tag.StartsWith('!') && value.Tag.Length > 1 => null,
                    _ => "is not a policy ARN",
                };
            case YamlKind.Sequence:
                return value.Tag switch
                {
                    "!Sub" when value.Items.Count > 0 && value.Items[0].Resolved is { Kind: YamlKind.Scalar, Value: "" } => "is an empty !Sub",
                    "!Join" when JoinsToNothing(value) => "is a !Join of nothing",
                    "!Transform" => MacroBoundary,
                    not null when value.Tag.StartsWith('!') && value.Tag.Length > 1 && GivesNothing(value, $"a {value.Tag}") is { } nothing => nothing,
                    not null when value.Tag.StartsWith('!') && value.Tag.Length > 1 => null,
                    _ => "is a list, not a policy ARN",
                };
            case YamlKind.Mapping when value.Tag is { Length: > 1 } tag && tag.StartsWith('!'):
                return tag == "!Transform" ? MacroBoundary : null;
            case YamlKind.Mapping when value.Entries.Count == 1 && value.Entries[0].Name is { } name:
                var argument = value.Entries[0].Value.Resolved;
                return name switch
                {
                    "Ref" when argument is { Kind: YamlKind.Scalar, Value: "AWS::NoValue" } => "is Ref: AWS::NoValue",
                    "Fn::Sub" when (argument is { Kind: YamlKind.Sequence, Items.Count: > 0 } ? argument.Items[0].Resolved : argument) is { Kind: YamlKind.Scalar, Value: "" } => "is an empty Fn::Sub",
                    "Fn::Join" when JoinsToNothing(argument) => "is an Fn::Join of nothing",
                    "Fn::Transform" => MacroBoundary,
                    _ when GivesNothing(value, $"an {name}") is { } nothing => nothing,
                    "Ref" or "Condition" => null,
                    _ when name.StartsWith("Fn::", StringComparison.Ordinal) => null,
                    _ => $"is a mapping with '{name}', which is not an intrinsic function",
                };
            default:
                return "is a mapping that is not one intrinsic function";
        }
    }

    /// <summary>Why <paramref name="value"/> (<paramref name="what"/>: "a !Select") cannot bound a role when it gives nothing (<see cref="NothingCheck"/>), or null.</summary>
    private static string? GivesNothing(YamlNode value, string what)
    {
        var check = new NothingCheck();
        if (!check.Is(value, 0))
            return null;
        return check.WentTooDeep ? $"is {what} nested too deeply to tell whether it gives a value" : $"is {what} that gives no value whichever way it goes";
    }

    /// <summary>A join's <c>[delimiter, list]</c> that gives the empty string whatever the parameters (see <see cref="NothingCheck"/>).</summary>
    private static bool JoinsToNothing(YamlNode? arguments) => new NothingCheck().Joins(arguments, 0);

    /// <summary><c>!Ref AWS::NoValue</c>, or <c>{Ref: AWS::NoValue}</c> (a mapping no short-form function tags).</summary>
    private static bool IsNoValue(YamlNode? node) =>
        node is { Kind: YamlKind.Scalar, Tag: "!Ref", Value: "AWS::NoValue" }
        || (node is { IsMapping: true } && !IsShortFormTag(node.Tag) && node.Entries.Count == 1 && node.Entries[0].Name == "Ref" && node.Entries[0].Value.Resolved is { Kind: YamlKind.Scalar, Value: "AWS::NoValue" });

    private static bool IsShortFormTag(string? tag) => tag is { Length: > 1 } && tag.StartsWith('!') && !tag.StartsWith("!!", StringComparison.Ordinal);

    /// <summary>
    /// A value CloudFormation reads as no value, or the empty string, whatever the parameters and
    /// conditions (see <see cref="NothingCheck"/>).
    /// </summary>
    private static bool IsNothing(YamlNode? node) => new NothingCheck().Is(node, 0);

    /// <summary>
    /// Whether values give nothing: "", null, AWS::NoValue, and the intrinsics made only of those (an If
    /// both of whose branches do, a Select from a list of them, a Join or Sub of them, a Base64 of one),
    /// in short or long form; a list given by an If of such lists or a Split of nothing counts as one.
    /// Each node is judged once: aliases can make a small file a deep tree of shared nodes.
    /// </summary>
    private sealed class NothingCheck
    {
        // Deeper than any intrinsic a person writes: a value that cannot be shown to give something there is
        // taken as giving nothing, so that the role is refused rather than kept unbounded.
        private const int MaxDepth = 32;

        private readonly Dictionary<YamlNode, bool> judged = new(ReferenceEqualityComparer.Instance);

        /// <summary>Some value was deeper than <see cref="MaxDepth"/>: "nothing" may only mean "too deep to tell".</summary>
        public bool WentTooDeep { get; private set; }

        public bool Is(YamlNode? node, int depth)
        {
            if (node is null || IsNoValue(node) || IsEmptyString(node) || node is { Kind: YamlKind.Scalar, IsNull: true })
                return true;
            if (depth > MaxDepth)
                return WentTooDeep = true;
            if (judged.TryGetValue(node, out var known))
                return known;
            // An alias can make a value contain itself: met again inside itself, it is taken as a value.
            judged[node] = false;
            return judged[node] = Judge(node, depth);
        }

        private bool Judge(YamlNode node, int depth)
        {
            var (function, argument) = node switch
            {
                { Tag: { } tag } when IsShortFormTag(tag) => ("Fn::" + tag[1..], node),
                { Kind: YamlKind.Mapping, Tag: null } when node.Entries.Count == 1 && node.Entries[0].Name is { } name => (name, node.Entries[0].Value.Resolved),
                _ => (null, null),
            };
            if (argument is null)
                return false;
            return function switch
            {
                "Fn::If" => argument is { Kind: YamlKind.Sequence, Items.Count: 3 } && Is(argument.Items[1].Resolved, depth + 1) && Is(argument.Items[2].Resolved, depth + 1),
                "Fn::Select" => argument is { Kind: YamlKind.Sequence, Items.Count: 2 } && EveryItemIsNothing(argument.Items[1].Resolved, depth + 1),
                "Fn::Join" => Joins(argument, depth + 1),
                // The short form's argument is the tagged node itself: a scalar's text, read untagged.
                "Fn::Base64" => ReferenceEquals(argument, node) ? argument is { Kind: YamlKind.Scalar, Value: "" } : Is(argument, depth + 1),
                "Fn::Sub" => argument.Kind == YamlKind.Scalar ? argument.Value is { } only && SubstitutesToNothing(only, IsNoValueVariable)
                    : argument is { Kind: YamlKind.Sequence, Items.Count: 2 } && argument.Items[0].Resolved is { Kind: YamlKind.Scalar, Value: { } text } && argument.Items[1].Resolved is { IsMapping: true } variables
                      && SubstitutesToNothing(text, variable => Find(variables, variable) is { } given ? Is(given.Entry.Value.Resolved, depth + 1) : IsNoValueVariable(variable)),
                _ => false,
            };
        }

        /// <summary>A join's <c>[delimiter, list]</c> that gives nothing: no values, or only values that give nothing, one of them or joined by an empty delimiter.</summary>
        public bool Joins(YamlNode? arguments, int depth) =>
            arguments is { Kind: YamlKind.Sequence, Items.Count: 2 } && JoinedIsEmpty(arguments.Items[1].Resolved, IsEmptyString(arguments.Items[0].Resolved), depth + 1);

        private bool JoinedIsEmpty(YamlNode? list, bool emptyDelimiter, int depth)
        {
            if (Items(list) is { } items)
            {
                // An AWS::NoValue in a list takes the item out.
                var kept = items.Where(v => !IsNoValue(v)).ToList();
                return kept.All(v => Is(v, depth + 1)) && (kept.Count <= 1 || emptyDelimiter);
            }
            return SplitsNothing(list, depth) || (IfBranches(list) is var (whenTrue, whenFalse) && JoinedIsEmpty(whenTrue, emptyDelimiter, depth + 1) && JoinedIsEmpty(whenFalse, emptyDelimiter, depth + 1));
        }

        private bool EveryItemIsNothing(YamlNode? list, int depth) =>
            Items(list) is { } items ? items.Where(v => !IsNoValue(v)).All(v => Is(v, depth + 1))
            : SplitsNothing(list, depth) || (IfBranches(list) is var (whenTrue, whenFalse) && EveryItemIsNothing(whenTrue, depth + 1) && EveryItemIsNothing(whenFalse, depth + 1));

        /// <summary>An <c>Fn::Split</c> (<c>!Split</c>) of a value that gives nothing: a list of one empty string.</summary>
        private bool SplitsNothing(YamlNode? node, int depth) =>
            FunctionArguments(node, "Split") is { Items.Count: 2 } arguments && Is(arguments.Items[1].Resolved, depth + 1);

        /// <summary>The items of a list written out (not one a function gives).</summary>
        private static IEnumerable<YamlNode?>? Items(YamlNode? node) =>
            node is { Kind: YamlKind.Sequence } && !IsShortFormTag(node.Tag) ? node.Items.Select(v => v.Resolved) : null;

        private static (YamlNode? WhenTrue, YamlNode? WhenFalse)? IfBranches(YamlNode? node) =>
            FunctionArguments(node, "If") is { Items.Count: 3 } arguments ? (arguments.Items[1].Resolved, arguments.Items[2].Resolved) : null;

        /// <summary>The argument list of <c>!Name [...]</c> or <c>Fn::Name: [...]</c>.</summary>
        private static YamlNode? FunctionArguments(YamlNode? node, string name) => node switch
        {
            { Kind: YamlKind.Sequence, Tag: { } tag } when tag.Length == name.Length + 1 && tag[0] == '!' && tag.AsSpan(1).SequenceEqual(name) => node,
            { Kind: YamlKind.Mapping, Tag: null } when node.Entries.Count == 1 && node.Entries[0].Name == "Fn::" + name && node.Entries[0].Value.Resolved is { Kind: YamlKind.Sequence } arguments => arguments,
            _ => null,
        };
    }

    private static bool IsEmptyString(YamlNode? node) => node is { Kind: YamlKind.Scalar, IsString: true, Value: "" };

    /// <summary><c>Globals.Function.PermissionsBoundary</c> of a SAM template, when it holds a value.</summary>
    private static (BoundaryKind, string?, IReadOnlyList<string>?)? GlobalFunctionBoundary(SourceText source, YamlNode root, PseudoParameters? deployment)
    {
        RefuseDuplicate(source, root, "Globals", "the template");
        if (Find(root, "Globals")?.Entry.Value.Resolved is not { IsMapping: true } globals)
            return null;
        RefuseDuplicate(source, globals, "Function", "Globals");
        if (Find(globals, "Function")?.Entry.Value.Resolved is not { IsMapping: true } function)
            return null;
        RefuseDuplicate(source, function, BoundaryProperty, "Globals.Function");
        var boundary = Find(function, BoundaryProperty);
        var kind = BoundaryOf(source, "Globals.Function", boundary?.Entry.Value, deployment);
        return kind.Kind == BoundaryKind.None ? null : kind;
    }

    /// <summary><c>!Transform</c>, the short form of <c>Fn::Transform</c>, refused where the long form is (<see cref="CloudFormationTemplate.RefuseGeneratedResources"/>).</summary>
    private static void RefuseTransformTag(SourceText source, YamlNode? node)
    {
        if (node?.Tag == "!Transform")
            RefuseGeneratedResources(source, "Fn::Transform", node.Start);
    }

    /// <summary>The keys a merge key brings into a resource, followed as far as merges go (see <see cref="Find"/>).</summary>
    private static void RefuseGeneratedKeysMerged(SourceText source, YamlNode? merged, int depth)
    {
        if (merged is null || depth > 32)
            return;
        foreach (var item in merged.Kind == YamlKind.Sequence ? merged.Items.Select(i => i.Resolved) : [merged])
        {
            if (item is not { IsMapping: true })
                continue;
            foreach (var entry in item.Entries)
            {
                if (entry.Name is { } name)
                    RefuseGeneratedResources(source, name, entry.KeyStart);
                if (entry.IsMerge)
                    RefuseGeneratedKeysMerged(source, entry.Value.Resolved, depth + 1);
            }
        }
    }

    /// <summary>
    /// The Type of a resource when it is one SAM makes roles for on its own (GraphQLApi, CapacityProvider)
    /// or a module, else null: most resources are none of these, so this looks at their written keys
    /// without a lookup (one object each in a template of 200,000 resources), and follows merge keys only
    /// when there are some.
    /// </summary>
    private static YamlNode? RoleMakingTypeOf(YamlNode resource)
    {
        var entries = resource.Entries;
        var merged = false;
        for (var i = 0; i < entries.Count; i++)
        {
            merged |= entries[i].IsMerge;
            if (entries[i].Name == "Type")
                return entries[i].Value.Resolved is { Kind: YamlKind.Scalar } type && IsRoleMaking(type.Value) ? type : null;
        }
        return merged && Find(resource, "Type")?.Entry.Value.Resolved is { Kind: YamlKind.Scalar } mergedType && IsRoleMaking(mergedType.Value) ? mergedType : null;
    }

    private static bool IsRoleMaking(string? type) => type is TemplateResource.SamGraphQlApi or TemplateResource.SamCapacityProvider || IsModule(type);

    /// <summary>
    /// The boundaries of the <c>ScheduleV2</c> events SAM makes a role for (those without a RoleArn); one
    /// with neither is refused. Null when there are none.
    /// </summary>
    private static List<EventBoundary>? SchedulerEventBoundaries(SourceText source, string logicalId, YamlNode properties, PseudoParameters? deployment)
    {
        // Events are read whole by the parser (see YamlSpanParser).
        RefuseDuplicate(source, properties, "Events", logicalId);
        var written = Find(properties, "Events")?.Entry.Value.Resolved;
        if (written is not null)
            RefuseEventMacro(source, logicalId, written);
        if (written is not { IsMapping: true } events)
            return null;
        List<EventBoundary>? found = null;
        foreach (var e in events.Entries)
        {
            // Readers differ on merge keys here (the host's keeps '<<' as a key, PyYAML merges): an event one
            // of them sees could make a role the others do not.
            if (e.IsMerge)
                throw BoundaryException.File($"{source.Describe(e.KeyStart)}: a merge key (<<) in the Events of {logicalId}; readers differ on whether it brings events in, and a ScheduleV2 event makes a role of its own. Write the events out and run again.");
            if (e.Value.Resolved is { } eventValue)
                RefuseEventMacro(source, logicalId, eventValue);
            if (e.Value.Resolved is not { IsMapping: true } declared)
                continue;
            RefuseDuplicate(source, declared, "Type", $"the event {e.Name} of {logicalId}");
            RefuseDuplicate(source, declared, PropertiesKey, $"the event {e.Name} of {logicalId}");
            // A type written out (or by !Sub, read as its text): one a function or macro gives could be ScheduleV2.
            var eventType = Find(declared, "Type")?.Entry.Value.Resolved;
            if (eventType is not null && (eventType.Kind != YamlKind.Scalar || (IsShortFormTag(eventType.Tag) && eventType.Tag != "!Sub")))
                throw EventTypeNotWritten(source, eventType.Start, e.Name ?? "", logicalId);
            if (eventType is not { Kind: YamlKind.Scalar, Value: SchedulerEvent })
                continue;
            var own = Find(declared, PropertiesKey)?.Entry.Value.Resolved;
            var owner = $"the {SchedulerEvent} event {e.Name} of {logicalId}";
            if (own is { IsMapping: true })
            {
                RefuseEventMacro(source, logicalId, own);
                RefuseDuplicate(source, own, "RoleArn", owner);
                RefuseDuplicate(source, own, BoundaryProperty, owner);
            }
            // A macro may give nothing: a RoleArn it writes names no role for sure.
            bool Given(string name) => own is { IsMapping: true } && Find(own, name) is { } given && !IsNothing(given.Entry.Value.Resolved)
                && !(name == "RoleArn" && given.Entry.Value.Resolved is { } roleArn && (roleArn.Tag == "!Transform" || (roleArn.IsMapping && roleArn.Entries.Count == 1 && roleArn.Entries[0].Name == "Fn::Transform")));
            if (Given("RoleArn"))
                continue;
            if (!Given(BoundaryProperty))
                throw RoleWithoutBoundary(source, $"{owner} has neither a RoleArn nor a PermissionsBoundary", e.KeyStart, "Give the event a PermissionsBoundary (or a RoleArn of a role of the template)");
            var (kind, value, choices) = BoundaryOf(source, owner, Find(own!, BoundaryProperty)!.Entry.Value, deployment);
            var (line, column) = source.Position(e.KeyStart);
            (found ??= []).Add(new EventBoundary(e.Name ?? "", kind, value, line, column) { Choices = choices });
        }
        return found;
    }

    /// <summary>A macro (<c>!Transform</c>, or an <c>Fn::</c> key) where it decides a SAM resource's events, which can make roles: refused.</summary>
    private static void RefuseEventMacro(SourceText source, string logicalId, YamlNode node)
    {
        if (node.Tag == "!Transform")
            throw EventMacro(source, node.Start, logicalId);
        if (!node.IsMapping)
            return;
        // By index: entries are structs, and a default one is no answer.
        var entries = node.Entries;
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Name?.StartsWith("Fn::", StringComparison.Ordinal) == true)
                throw EventMacro(source, entries[i].KeyStart, logicalId);
    }

    /// <summary>Whether a SAM function's IgnoreGlobals (a resource attribute: <c>'*'</c>, or a list of names) keeps Globals' <paramref name="name"/> from it (read whole by the parser).</summary>
    private static bool IgnoresGlobal(YamlNode resource, string name)
    {
        if (Find(resource, "IgnoreGlobals")?.Entry.Value.Resolved is not { } value)
            return false;
        return value is { Kind: YamlKind.Scalar, Value: "*" }
            || (value.Kind == YamlKind.Sequence && value.Items.Any(i => i.Resolved is { Kind: YamlKind.Scalar } item && (item.Value == "*" || item.Value == name)));
    }

    private static DeploymentPreferenceRead? DeploymentPreferenceOf(YamlNode properties)
    {
        if (Find(properties, DeploymentPreference) is not { } preference)
            return null;
        // Read whole by the parser (see YamlSpanParser), so its keys are there to find.
        if (preference.Entry.Value.Resolved is not { IsMapping: true } value)
            return new DeploymentPreferenceRead(false, null, preference.Entry.KeyStart);
        return new DeploymentPreferenceRead(
            Find(value, "Role") is { } role ? !IsNothing(role.Entry.Value.Resolved) : null,
            // As SAM reads it (PyYAML): a plain false, False or FALSE is false, and so are the strings 'false'
            // and 'False'; anything else ('FALSE' quoted, a tag, an intrinsic) leaves it on.
            Find(value, "Enabled")?.Entry.Value.Resolved switch
            {
                null => null,
                { IsPlainScalar: true, Value: "false" or "False" or "FALSE" } => false,
                { Kind: YamlKind.Scalar, Tag: null, IsPlainScalar: false, Value: "false" or "False" } => false,
                _ => true,
            },
            preference.Entry.KeyStart);
    }

    /// <summary>Two keys of one name where a role is decided: readers differ on which counts (or fail), so it is refused.</summary>
    private static void RefuseDuplicate(SourceText source, YamlNode mapping, string name, string where)
    {
        var count = 0;
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
            if (!entries[i].IsMerge && entries[i].Name == name && ++count > 1)
                throw Duplicate(source, entries[i].KeyStart, name, where);
    }

    private static BoundaryException Duplicate(SourceText source, int offset, string name, string where) =>
        BoundaryException.File($"{source.Describe(offset)}: '{name}' appears twice in {where}; readers disagree on which one counts, so whether a role is bounded cannot be decided. Keep one and run again.");

    /// <summary>The nodes of one of <see cref="Principals"/> (found by its offset: they are in file order).</summary>
    private ResourceNodes NodesOf(TemplateResource resource)
    {
        int low = 0, high = Principals.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var offset = Principals[middle].Offset;
            if (offset == resource.Offset)
            {
                if (Principals[middle] == resource)
                    return nodes[middle];
                break;
            }
            if (offset < resource.Offset)
                low = middle + 1;
            else
                high = middle - 1;
        }
        throw new KeyNotFoundException($"{resource.LogicalId} is not a principal of {Path}.");
    }

    /// <summary>The resource's mapping as written here, not shared through an alias.</summary>
    private ResourceNodes OwnMapping(TemplateResource resource, string verb)
    {
        var owner = NodesOf(resource);
        if (owner.IsAlias)
            throw Unsupported(resource, owner.Entry.Value, verb, "it is an alias (*name) of a mapping other places may share", "Write the resource out in full");
        return owner;
    }

    private (YamlNode Properties, YamlEntry PropertiesEntry, YamlEntry Boundary) OwnBoundary(TemplateResource resource, string verb)
    {
        if (resource.FromGlobals)
            throw Unsupported(resource, NodesOf(resource).Entry.Key, verb, "its boundary comes from Globals.Function", "Change it there by hand");
        var owner = OwnMapping(resource, verb);
        RefuseShared(resource, owner, owner.Shared ?? owner.Sites?.FirstOrDefault()?.Shared, verb);
        var properties = Find(owner.Resource, PropertiesKey)
            ?? throw new InvalidOperationException($"{resource.LogicalId} has no {PropertiesKey}.");
        if (properties.Inherited || properties.Entry.Value.Kind == YamlKind.Alias)
            throw Unsupported(resource, properties.Entry.Value, verb, "its Properties are shared with other places through an anchor", "Change the anchored mapping by hand");
        var boundary = Find(properties.Entry.Value, BoundaryProperty)
            ?? throw new InvalidOperationException($"{resource.LogicalId} has no {BoundaryProperty}.");
        if (boundary.Inherited)
            throw Unsupported(resource, boundary.Entry.Key, verb, $"its {BoundaryProperty} comes from a merge key (<<)", "Change the anchored mapping by hand");
        return (properties.Entry.Value, properties.Entry, boundary.Entry);
    }

    private BoundaryException Unsupported(TemplateResource resource, YamlNode node, string verb, string why, string fix) =>
        YamlTemplateEditor.Refusal(Source, resource, node, verb, why, fix);

    /// <summary>
    /// The entry named <paramref name="name"/>: the last one written in the mapping, else one merged in
    /// through <c>&lt;&lt;</c> (an earlier merge source wins, as YAML's merge key says).
    /// </summary>
    private static Lookup? Find(YamlNode mapping, string name, int depth = 0)
    {
        var entries = mapping.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
            if (!entries[i].IsMerge && entries[i].Name == name)
                return new Lookup(entries[i], Inherited: false);
        if (depth > 32)
            return null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!entry.IsMerge)
                continue;
            var sources = entry.Value.Resolved is { Kind: YamlKind.Sequence } sequence ? sequence.Items.Select(i => i.Resolved) : [entry.Value.Resolved];
            foreach (var source in sources)
                if (source is { IsMapping: true } && Find(source, name, depth + 1) is { } found)
                    return found with { Inherited = true };
        }
        return null;
    }

    private sealed record Lookup(YamlEntry Entry, bool Inherited);

    /// <param name="Candidates">The principals to read, in file order (up to the duplicate, when there is one).</param>
    /// <param name="Globals">SAM's <c>Globals.Function</c> boundary, when it holds one.</param>
    /// <param name="Aliased">Every node some alias uses, with that alias.</param>
    /// <param name="SharedAbove">The first of root and Resources that an alias elsewhere also uses.</param>
    /// <param name="Duplicate">The first logical id written twice where one of the two is a principal, and where.</param>
    private sealed record ResourcesRead(List<Candidate> Candidates, (BoundaryKind, string?, IReadOnlyList<string>?)? Globals, Dictionary<YamlNode, YamlNode> Aliased, YamlNode? SharedAbove, (int Offset, string LogicalId)? Duplicate)
    {
        /// <summary>Globals.Function.DeploymentPreference, which SAM merges into every function's.</summary>
        public DeploymentPreferenceRead? GlobalPreference { get; init; }
    }

    /// <param name="Entry">The logical id and the value as written (a mapping or an alias).</param>
    /// <param name="Resource">The resource's mapping (an alias resolved).</param>
    /// <param name="IsAlias">The resource is written as an alias: its mapping is shared.</param>
    private readonly record struct Candidate(YamlEntry Entry, YamlNode Resource, bool IsAlias);

    /// <param name="Entry">As in <see cref="Candidate"/>.</param>
    /// <param name="Resource">As in <see cref="Candidate"/>.</param>
    /// <param name="IsAlias">As in <see cref="Candidate"/>.</param>
    /// <param name="Site">Where a boundary goes in plain Properties (a mapping); null for an Fn::If, or without a Properties mapping.</param>
    /// <param name="BranchSites">Where a boundary goes in each mapping branch of an Fn::If at the Properties; else null.</param>
    /// <param name="Shared">The first of root, Resources and the resource mapping that an alias elsewhere also uses.</param>
    private sealed record ResourceNodes(YamlEntry Entry, YamlNode Resource, bool IsAlias, Site? Site, List<Site>? BranchSites, YamlNode? Shared)
    {
        /// <summary>The mappings a boundary goes in (Properties, or each mapping branch of its Fn::If); null without a Properties mapping.</summary>
        public IReadOnlyList<Site>? Sites => BranchSites ?? (Site is null ? null : [Site]);
    }

    /// <param name="Mapping">The mapping that holds (or would hold) PermissionsBoundary.</param>
    /// <param name="Boundary">Its PermissionsBoundary entry, also when the value is empty.</param>
    /// <param name="Shared">A node on the way down to <paramref name="Mapping"/> (or it) that an alias elsewhere also uses.</param>
    /// <param name="Choices">For an intrinsic boundary, the strings it may give (<see cref="ConstantIntrinsic.Read"/>).</param>
    private sealed record Site(YamlNode Mapping, Lookup? Boundary, BoundaryKind Kind, string? Value, YamlNode? Shared, IReadOnlyList<string>? Choices = null)
    {
        public BranchBoundary Describe(SourceText source)
        {
            var (line, column) = source.Position(Mapping.Start);
            return new BranchBoundary(Kind, Value, line, column) { Choices = Choices };
        }
    }
}
