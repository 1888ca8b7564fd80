using Boundary.Core;
using Boundary.Text;
using Boundary.Yaml;

namespace Boundary.Templates;

/// <summary>
/// A YAML template: positions come from <see cref="YamlSpanParser"/> (YamlDotNet's parser events, so
/// CloudFormation's short-form tags are just tags), and every change is a minimal <see cref="TextEdit"/>
/// in the file's own layout. Comments, anchors, aliases, merge keys, tags and quoting outside the
/// inserted or removed text stay byte for byte as they were.
/// </summary>
public sealed class YamlTemplate : CloudFormationTemplate
{
    private const string PropertiesKey = "Properties";

    private readonly Dictionary<TemplateResource, ResourceNodes> nodes;

    private YamlTemplate(SourceText source, IReadOnlyList<TemplateResource> principals, Dictionary<TemplateResource, ResourceNodes> nodes)
        : base(source)
    {
        Principals = principals;
        this.nodes = nodes;
    }

    public override TemplateFormat Format => TemplateFormat.Yaml;

    public override IReadOnlyList<TemplateResource> Principals { get; }

    public static new YamlTemplate? Load(SourceText source)
    {
        if (YamlSpanParser.Parse(source)?.Resolved is not { IsMapping: true } root)
            return null;
        if (Find(root, "Resources")?.Entry.Value.Resolved is not { IsMapping: true } resources)
            return null;
        if (resources.Entries.Count > 0 && !resources.Entries.Any(e => e.Value.Resolved is { IsMapping: true } r && Find(r, "Type") is not null))
            return null;
        var principals = new List<TemplateResource>();
        var nodes = new Dictionary<TemplateResource, ResourceNodes>();
        var written = resources.Entries.Select(e => e.Value).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var entry in resources.Entries)
        {
            if (entry.Name is not { } logicalId || entry.Value.Resolved is not { IsMapping: true } resource)
                continue;
            var isAlias = entry.Value.Kind == YamlKind.Alias;
            if (isAlias && written.Contains(resource))
                continue; // an alias of another resource here: adding to that one covers both
            if (Find(resource, "Type")?.Entry.Value.Resolved is not { IsString: true, Value: TemplateResource.Role or TemplateResource.User or TemplateResource.ServiceLinkedRole } type)
                continue;
            var properties = Find(resource, PropertiesKey);
            var boundary = properties?.Entry.Value.Resolved is { IsMapping: true } propertiesMapping ? Find(propertiesMapping, BoundaryProperty) : null;
            var boundaryValue = boundary?.Entry.Value.Resolved;
            var kind = boundary is null ? BoundaryKind.None : boundaryValue is { IsString: true } ? BoundaryKind.Literal : BoundaryKind.Intrinsic;
            var (line, column) = source.Position(entry.Key.Start);
            var principal = new TemplateResource(
                logicalId,
                type.Value!,
                entry.Key.Start,
                line,
                column,
                kind,
                kind == BoundaryKind.Literal ? boundaryValue!.Value : null,
                properties is not null);
            principals.Add(principal);
            nodes[principal] = new ResourceNodes(entry, resource, isAlias);
        }
        return new YamlTemplate(source, principals, nodes);
    }

    public override TextEdit AddBoundary(TemplateResource resource, string arn)
    {
        var owner = OwnMapping(resource, "add");
        var properties = Find(owner.Resource, PropertiesKey);
        if (properties is null)
            return AddProperties(owner, arn);
        if (properties.Inherited)
            throw Unsupported(resource, properties.Entry.Key, "add", "its Properties come from a merge key (<<), and a Properties key here would replace all of them", "Write its Properties out in the resource");
        var value = properties.Entry.Value;
        if (value.Kind == YamlKind.Alias)
            throw Unsupported(resource, value, "add", "its Properties is an alias (*name) of a mapping other places may share", "Write its Properties out in the resource");
        if (value.IsNull)
            return FillNullProperties(owner, properties.Entry, arn);
        if (!value.IsMapping)
            throw Unsupported(resource, value, "add", "its Properties is not a mapping", "Give it a Properties mapping");
        if (Find(value, BoundaryProperty) is not null)
            throw new InvalidOperationException($"{resource.LogicalId} already has a {BoundaryProperty}.");
        return value.IsFlow ? InsertFirstInFlow(value, arn) : InsertFirstInBlock(resource, value, arn);
    }

    public override TextEdit ReplaceBoundary(TemplateResource resource, string arn)
    {
        if (resource.Boundary != BoundaryKind.Literal)
            throw new InvalidOperationException($"{resource.LogicalId} has no literal {BoundaryProperty} to replace.");
        var (properties, _, boundary) = OwnBoundary(resource, "replace");
        var value = boundary.Value;
        return new TextEdit(value.Start, value.End - value.Start, YamlScalars.Quote(arn, properties.IsFlow));
    }

    public override TextEdit RemoveBoundary(TemplateResource resource)
    {
        var (properties, propertiesEntry, boundary) = OwnBoundary(resource, "remove");
        var owner = nodes[resource].Resource;
        // Properties that hold only the boundary, laid out as AddProperties writes them (block in a block
        // resource, flow in a flow one), go with it: that undoes AddProperties exactly, and a block
        // Properties key left without entries would be null. A flow {} in a block resource stays.
        return properties.Entries.Count == 1 && properties.IsFlow == owner.IsFlow
            ? RemoveEntry(resource, owner, propertiesEntry)
            : RemoveEntry(resource, properties, boundary);
    }

    /// <summary><c>PermissionsBoundary: value</c> on a line of its own before the first key, with that key's indentation.</summary>
    private TextEdit InsertFirstInBlock(TemplateResource resource, YamlNode properties, string arn)
    {
        var first = properties.Entries[0].Key.Start;
        if (!Source.IsFirstOnLine(first))
            throw Unsupported(resource, properties.Entries[0].Key, "add", "the first key of its Properties does not start its line", "Put each Properties key on a line of its own");
        var lineStart = Source.LineStart(first);
        return TextEdit.Insertion(lineStart, Source.Text(lineStart, first) + Member(arn, inFlow: false) + Source.LineEndingBefore(first));
    }

    /// <summary>
    /// <c>PermissionsBoundary: value</c> first in a flow mapping, on the line of its opening brace: before
    /// the first key when it shares that line, else right after the brace.
    /// </summary>
    private TextEdit InsertFirstInFlow(YamlNode properties, string arn)
    {
        var member = Member(arn, inFlow: true);
        var brace = properties.OpenBracket;
        if (properties.Entries.Count == 0)
            return TextEdit.Insertion(brace + 1, member);
        var first = properties.Entries[0].Key.Start;
        return Source.Bytes.AsSpan(brace, first - brace).IndexOf((byte)'\n') < 0
            ? TextEdit.Insertion(first, member + ", ")
            : TextEdit.Insertion(brace + 1, member + ",");
    }

    /// <summary>A Properties entry holding the boundary: after Type (or the last key) in a block resource, last in a flow one.</summary>
    private TextEdit AddProperties(ResourceNodes owner, string arn)
    {
        var resource = owner.Resource;
        if (resource.IsFlow)
            return TextEdit.Insertion(resource.Entries[^1].End, $", {PropertiesKey}: {{{Member(arn, inFlow: true)}}}");
        var type = Find(resource, "Type");
        var after = type is { Inherited: false } ? type.Entry : resource.Entries[^1];
        var indent = OwnLineIndent(owner, after.Key);
        var unit = IndentUnit(owner, indent);
        var eol = Source.LineEndingBefore(after.Key.Start);
        return InsertLines(Source.NextLineStart(after.End), $"{indent}{PropertiesKey}:{eol}{indent}{unit}{Member(arn, inFlow: false)}", eol);
    }

    /// <summary><c>Properties:</c> with nothing (null) after it: the boundary goes on the next line; an explicit null becomes a flow mapping.</summary>
    private TextEdit FillNullProperties(ResourceNodes owner, YamlEntry properties, string arn)
    {
        var value = properties.Value;
        var flowMapping = $"{{{Member(arn, inFlow: true)}}}";
        if (value.Value != "" || value.End > value.Start)
            return new TextEdit(value.Start, value.End - value.Start, flowMapping);
        if (owner.Resource.IsFlow)
        {
            var spaced = value.Start < Source.Bytes.Length && Source.Bytes[value.Start] is (byte)' ' or (byte)'\t';
            return TextEdit.Insertion(value.Start, (spaced ? "" : " ") + flowMapping);
        }
        var indent = OwnLineIndent(owner, properties.Key);
        var eol = Source.LineEndingBefore(properties.Key.Start);
        return InsertLines(Source.NextLineStart(value.Start), indent + IndentUnit(owner, indent) + Member(arn, inFlow: false), eol);
    }

    /// <summary>Whole lines inserted at a line start; at the end of a file without a final line break, the break goes first instead.</summary>
    private TextEdit InsertLines(int lineStart, string lines, string eol) =>
        lineStart == Source.Bytes.Length && !EndsWithLineBreak()
            ? TextEdit.Insertion(lineStart, eol + lines)
            : TextEdit.Insertion(lineStart, lines + eol);

    /// <summary>
    /// Removes one mapping entry with its separator: in a block mapping its whole lines (at the end of a
    /// file without a final line break, the break before them instead); in a flow mapping the entry and
    /// one comma, or its whole line when it has one to itself.
    /// </summary>
    private TextEdit RemoveEntry(TemplateResource resource, YamlNode mapping, YamlEntry entry)
    {
        var bytes = Source.Bytes;
        var keyStart = entry.Key.Start;
        if (!mapping.IsFlow)
        {
            if (!Source.IsFirstOnLine(keyStart))
                throw Unsupported(resource, entry.Key, "remove", $"{entry.Name} does not start its line", "Remove it by hand");
            var from = Source.LineStart(keyStart);
            var to = Source.NextLineStart(entry.End);
            if (to == bytes.Length && !EndsWithLineBreak() && from > Source.BomLength)
                from -= from >= 2 && bytes[from - 2] == '\r' ? 2 : 1;
            return TextEdit.Removal(from, to - from);
        }
        var index = mapping.Entries.IndexOf(entry);
        var comma = CommaAfter(entry.End);
        if (index < mapping.Entries.Count - 1)
        {
            if (Source.IsFirstOnLine(keyStart) && RestOfLineIsBlank(comma + 1))
            {
                var lineStart = Source.LineStart(keyStart);
                return TextEdit.Removal(lineStart, Source.NextLineStart(comma) - lineStart);
            }
            var end = comma + 1;
            var next = end;
            while (next < bytes.Length && bytes[next] is (byte)' ' or (byte)'\t')
                next++;
            if (next < bytes.Length && bytes[next] is not ((byte)'\r' or (byte)'\n' or (byte)'#'))
                end = next;
            return TextEdit.Removal(keyStart, end - keyStart);
        }
        if (index > 0)
        {
            var previousEnd = mapping.Entries[index - 1].End;
            return TextEdit.Removal(previousEnd, entry.End - previousEnd);
        }
        var onlyEnd = comma >= 0 ? comma + 1 : entry.End;
        return TextEdit.Removal(keyStart, onlyEnd - keyStart);
    }

    private static string Member(string arn, bool inFlow) => $"{BoundaryProperty}: {YamlScalars.Quote(arn, inFlow)}";

    /// <summary>The resource's mapping as written here, not shared through an alias.</summary>
    private ResourceNodes OwnMapping(TemplateResource resource, string verb)
    {
        var owner = nodes[resource];
        if (owner.IsAlias)
            throw Unsupported(resource, owner.Entry.Value, verb, "it is an alias (*name) of a mapping other places may share", "Write the resource out in full");
        return owner;
    }

    private (YamlNode Properties, YamlEntry PropertiesEntry, YamlEntry Boundary) OwnBoundary(TemplateResource resource, string verb)
    {
        var owner = OwnMapping(resource, verb);
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

    /// <summary>The indentation of a key that must start its line (every key of a block mapping does, but for a <c>? </c> key).</summary>
    private string OwnLineIndent(ResourceNodes owner, YamlNode key)
    {
        if (!Source.IsFirstOnLine(key.Start))
            throw BoundaryException.File($"{Source.Describe(key.Start)}: cannot add a permissions boundary to {owner.Entry.Name}: its keys do not start their lines. Put each key on a line of its own and run again.");
        return Source.Text(Source.LineStart(key.Start), key.Start);
    }

    /// <summary>One level of indentation as this file writes it: how much deeper a resource's keys sit than its logical id.</summary>
    private string IndentUnit(ResourceNodes owner, string resourceKeyIndent)
    {
        var logicalId = owner.Entry.Key.Start;
        if (!Source.IsFirstOnLine(logicalId))
            return "  ";
        var outer = Source.Text(Source.LineStart(logicalId), logicalId);
        return resourceKeyIndent.Length > outer.Length && resourceKeyIndent.StartsWith(outer, StringComparison.Ordinal)
            ? resourceKeyIndent[outer.Length..]
            : "  ";
    }

    private bool EndsWithLineBreak() => Source.Bytes.Length > Source.BomLength && Source.Bytes[^1] == '\n';

    /// <summary>Offset of the comma after a flow value (skipping blanks, line breaks and comments), or -1.</summary>
    private int CommaAfter(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length)
        {
            switch (bytes[i])
            {
                case (byte)',':
                    return i;
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    i++;
                    break;
                case (byte)'#':
                    i = Source.NextLineStart(i);
                    break;
                default:
                    return -1;
            }
        }
        return -1;
    }

    private bool RestOfLineIsBlank(int offset)
    {
        var bytes = Source.Bytes;
        var i = offset;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t')
            i++;
        return i == bytes.Length || bytes[i] is (byte)'\r' or (byte)'\n';
    }

    private BoundaryException Unsupported(TemplateResource resource, YamlNode node, string verb, string why, string fix) =>
        BoundaryException.File($"{Source.Describe(node.Start)}: cannot {verb} the permissions boundary of {resource.LogicalId}: {why}. {fix} and run again.");

    /// <summary>
    /// The entry named <paramref name="name"/>: the last one written in the mapping, else one merged in
    /// through <c>&lt;&lt;</c> (an earlier merge source wins, as YAML's merge key says).
    /// </summary>
    private static Lookup? Find(YamlNode mapping, string name, int depth = 0)
    {
        for (var i = mapping.Entries.Count - 1; i >= 0; i--)
            if (!mapping.Entries[i].IsMerge && mapping.Entries[i].Name == name)
                return new Lookup(mapping.Entries[i], Inherited: false);
        if (depth > 32)
            return null;
        foreach (var entry in mapping.Entries)
        {
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

    /// <param name="Entry">The logical id and the value as written (a mapping or an alias).</param>
    /// <param name="Resource">The resource's mapping (an alias resolved).</param>
    /// <param name="IsAlias">The resource is written as an alias: its mapping is shared.</param>
    private sealed record ResourceNodes(YamlEntry Entry, YamlNode Resource, bool IsAlias);
}
