using System.Text;
using Boundary.Json;

namespace Boundary.Tests.Templates;

/// <summary>
/// Builds random but valid CloudFormation templates from a seed: random sections, resources (roles with
/// and without Properties or boundaries, users, service-linked roles, others), nested values and
/// intrinsics, then renders them as JSON (indent unit, inline objects, comments, escapes) or YAML
/// (indent unit, block and flow collections, short and long intrinsic forms, quoting and block scalar
/// styles, comments), with random line endings, BOM and final line break.
/// </summary>
internal sealed class TemplateGenerator(int seed)
{
    private static readonly string[] Arns =
    [
        "arn:aws:iam::123456789012:policy/Boundary",
        "arn:aws:iam::123456789012:policy/team/amplify/Boundary-1",
        "arn:aws-us-gov:iam::aws:policy/a=b,c+d@e_f.g-h/Managed",
        "arn:aws:iam::123456789012:policy/it's #1: \"x\" {y} [z] \\ %*&!|>?`~/N",
        "arn:aws-cn:iam::123456789012:policy/-lead/N",
        "arn:aws:iam::123456789012:policy/a,b/N",
    ];

    private static readonly string[] Strings =
    [
        "abc", "with space", "colon: inside", "hash #inside", "it's", "say \"hi\"", "é 日本語 😀", "-dash", "[bracket]", "{brace}",
        "*star", "&amp", "!bang", "%percent", "@at", "`tick", "true", "123", "", "null", "a,b", "arn:aws:iam::1:role/x", "${AWS::StackName}-x",
        "back\\slash", "trailing ", " leading", "tab\there", "two\nlines", "yes", "~", "0x1F", "1e3", "a: b: c", "? q", "- item", "key:", "|pipe",
    ];

    private static readonly string[] PropertyKeys =
    [
        "RoleName", "Path", "Description", "AssumeRolePolicyDocument", "Policies", "ManagedPolicyArns", "Tags", "MaxSessionDuration", "Handler",
        "Code", "Environment", "Timeout", "BucketName", "Fn::Transform", "Custom.Key", "key with space", "é-ключ",
    ];

    private static readonly string[] Functions =
    [
        "Ref", "Fn::Sub", "Fn::GetAtt", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64", "Fn::Cidr",
        "Fn::GetAZs", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition", "Fn::Transform",
    ];

    private readonly Random random = new(seed);

    /// <summary>
    /// Also the shapes attackers and generated stacks use: SAM functions and state machines, Types written
    /// with escapes, empty boundaries ("", null, ~, nothing), and Fn::If (nested, with AWS::NoValue) as
    /// a principal's whole Properties.
    /// </summary>
    public bool Adversarial { get; init; }

    /// <summary>False when a role has an empty Properties mapping: removing the boundary cannot tell that from none (the inverse edits still can).</summary>
    public bool RemovalIsExact { get; private set; } = true;

    public string Arn { get; private set; } = "";

    private abstract record Node;

    private sealed record Str(string Value) : Node;

    private sealed record Num(string Text) : Node;

    private sealed record Seq(List<Node> Items) : Node;

    private sealed record Map(List<(string Key, Node Value)> Entries) : Node;

    private sealed record Fn(string Name, Node Argument) : Node;

    /// <summary>A string written with one character escaped (JSON \u, YAML \x, \u or a continued line).</summary>
    private sealed record Escaped(string Value) : Node;

    /// <summary>A null: JSON null; YAML null, ~ or nothing.</summary>
    private sealed record Null : Node;

    public byte[] Json()
    {
        var root = Template();
        var unit = Pick<string?>("  ", "    ", "\t", null, "  ");
        var eol = Chance(0.3) ? "\r\n" : "\n";
        var builder = new StringBuilder();
        new JsonWriter(this, builder, unit, eol).Write(root, 0, inline: unit is null);
        return Finish(builder.ToString(), eol);
    }

    public byte[] Yaml()
    {
        var root = Template();
        var eol = Chance(0.3) ? "\r\n" : "\n";
        var builder = new StringBuilder();
        if (Chance(0.2))
            builder.Append("# generated").Append(eol);
        if (Chance(0.15))
            builder.Append("---").Append(eol);
        new YamlWriter(this, builder, random.Next(1, 5), eol).Entries((Map)root, 0, leadingComments: true);
        return Finish(builder.ToString(), eol);
    }

    private byte[] Finish(string text, string eol)
    {
        if (Chance(0.2) && text.EndsWith(eol, StringComparison.Ordinal))
            text = text[..^eol.Length];
        var bytes = Encoding.UTF8.GetBytes(text);
        return Chance(0.2) ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private Node Template()
    {
        Arn = Pick(Arns);
        var sections = new List<(string, Node)> { ("Resources", Resources()) };
        if (Chance(0.5)) sections.Add(("AWSTemplateFormatVersion", new Str("2010-09-09")));
        if (Chance(0.5)) sections.Add(("Description", RandomString()));
        if (Chance(0.4)) sections.Add(("Parameters", new Map([("env", new Map([("Type", new Str("String"))]))])));
        if (Chance(0.4)) sections.Add(("Conditions", new Map([("IsProd", Function("Fn::Equals", 1))])));
        if (Chance(0.4)) sections.Add(("Outputs", new Map([("Out", new Map([("Value", Function("Ref", 1))]))])));
        return new Map(Shuffle(sections));
    }

    private Map Resources()
    {
        var resources = new List<(string, Node)>();
        var count = random.Next(1, 7);
        for (var i = 0; i < count; i++)
            resources.Add(($"Res{i}{(char)('A' + random.Next(26))}{(Chance(0.1) ? "é" : "")}", Resource()));
        return new Map(resources);
    }

    private Map Resource()
    {
        var type = Adversarial
            ? Pick("AWS::IAM::Role", "AWS::IAM::Role", "AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::IAM::User", "AWS::Lambda::Function")
            : Pick("AWS::IAM::Role", "AWS::IAM::Role", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::ServiceLinkedRole", "AWS::Lambda::Function", "AWS::S3::Bucket");
        var entries = new List<(string, Node)> { ("Type", Adversarial && Chance(0.3) ? new Escaped(type) : new Str(type)) };
        if (Adversarial && type is "AWS::IAM::Role" or "AWS::Serverless::Function" && Chance(0.25))
        {
            entries.Add(("Properties", IfProperties(type, 0)));
        }
        else if (!Chance(0.15))
        {
            var properties = Properties(type);
            if (type == "AWS::IAM::Role" && properties.Entries.Count == 0)
                RemovalIsExact = false;
            entries.Add(("Properties", properties));
        }
        if (Chance(0.2)) entries.Add(("Condition", new Str("IsProd")));
        if (Chance(0.2)) entries.Add(("DependsOn", Chance(0.5) ? new Str("Other") : new Seq([new Str("A"), new Str("B")])));
        if (Chance(0.1)) entries.Add(("Metadata", Value(1)));
        if (Chance(0.1)) entries.Add(("DeletionPolicy", new Str("Retain")));
        return new Map(Chance(0.3) ? Shuffle(entries) : entries);
    }

    /// <summary>Fn::If as the whole Properties: object branches, AWS::NoValue, nested Fn::If.</summary>
    private Fn IfProperties(string type, int depth)
    {
        Node Branch() => random.Next(depth < 2 ? 4 : 3) switch
        {
            0 => new Fn("Ref", new Str("AWS::NoValue")),
            3 => IfProperties(type, depth + 1),
            _ => Properties(type),
        };
        RemovalIsExact = false;
        return new Fn("Fn::If", new Seq([new Str("IsProd"), Properties(type), Branch()]));
    }

    private Map Properties(string type)
    {
        if (Chance(0.05))
            return new Map([]);
        // A principal's Properties keyed by an intrinsic function (Fn::Transform) are refused: what they
        // become is CloudFormation's to decide. Other resources keep the key, as noise the reader must pass.
        var keys = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pick(PropertyKeys)).Distinct()
            .Where(k => !(k.StartsWith("Fn::", StringComparison.Ordinal) && Boundary.Templates.TemplateResource.IsPrincipalType(type))).ToList();
        var entries = keys.Select(k => (k, Value(0))).ToList();
        if (Adversarial && type != "AWS::Lambda::Function" && Chance(0.2))
        {
            entries.Insert(random.Next(entries.Count + 1), ("PermissionsBoundary", Chance(0.5) ? new Str("") : new Null()));
            RemovalIsExact = false;
        }
        else if (type == "AWS::IAM::Role" && Chance(0.25))
        {
            Node existing = random.Next(4) switch
            {
                0 => new Str("arn:aws:iam::123456789012:policy/Existing"),
                1 => new Str("arn:aws:iam::123456789012:policy/it's mine"),
                2 => new Fn("Fn::If", new Seq([new Str("IsProd"), new Str("arn:aws:iam::1:policy/P"), new Fn("Ref", new Str("AWS::NoValue"))])),
                _ => new Fn(Pick("Ref", "Fn::Sub", "Fn::ImportValue"), new Str("BoundaryParam")),
            };
            entries.Insert(random.Next(entries.Count + 1), ("PermissionsBoundary", existing));
        }
        return new Map(entries);
    }

    private Node Value(int depth)
    {
        var kind = depth >= 3 ? random.Next(3) : random.Next(7);
        return kind switch
        {
            0 or 1 => RandomString(),
            2 => new Num(Pick("0", "42", "-7", "3.5", "true", "false")),
            3 => new Seq(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1)).ToList()),
            4 => new Map(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(PropertyKeys)).Distinct().Select(k => (k, Value(depth + 1))).ToList()),
            _ => Function(Pick(Functions), depth + 1),
        };
    }

    private Node Function(string name, int depth) => new Fn(name, name switch
    {
        "Ref" or "Condition" or "Fn::ImportValue" or "Fn::Base64" or "Fn::GetAZs" => Chance(0.8) ? new Str(Pick("env", "AWS::Region", "Other", "")) : Value(depth + 1),
        "Fn::Sub" => Chance(0.7) ? new Str("${AWS::StackName}-${env}") : new Seq([new Str("${a}-x"), new Map([("a", new Str("b"))])]),
        "Fn::GetAtt" => Chance(0.5) ? new Str("Role.Arn") : new Seq([new Str("Role"), new Str("Arn")]),
        "Fn::Transform" => new Map([("Name", new Str("AWS::Include")), ("Parameters", new Map([("Location", new Str("s3://b/k"))]))]),
        _ => new Seq(Enumerable.Range(0, random.Next(1, 4)).Select(_ => depth > 3 ? RandomString() : Value(depth + 1)).ToList()),
    });

    private Str RandomString() => new(Chance(0.2) ? Pick(Strings) + " " + Pick(Strings) : Pick(Strings));

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(params T[] items) => items[random.Next(items.Length)];

    private List<T> Shuffle<T>(List<T> items) => items.OrderBy(_ => random.Next()).ToList();

    private static bool IsPlainSafe(string value, bool inFlow) =>
        value.Length > 0
        && char.IsAsciiLetter(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-' || (!inFlow && c is ' ' or ':' or '@'))
        && !value.EndsWith(' ') && !value.Contains(": ", StringComparison.Ordinal) && !value.EndsWith(':')
        && !Boundary.Yaml.YamlScalars.IsNonString(value);

    private sealed class JsonWriter(TemplateGenerator generator, StringBuilder builder, string? unit, string eol)
    {
        public void Write(Node node, int depth, bool inline)
        {
            switch (node)
            {
                case Str str:
                    builder.Append(generator.Chance(0.1) ? EscapeNonAscii(JsonEditor.Quote(str.Value)) : JsonEditor.Quote(str.Value));
                    break;
                case Num num:
                    builder.Append(num.Text);
                    break;
                case Null:
                    builder.Append("null");
                    break;
                case Escaped escaped:
                {
                    var at = generator.random.Next(escaped.Value.Length);
                    builder.Append('"').Append(escaped.Value[..at]).Append($"\\u{(int)escaped.Value[at]:x4}").Append(escaped.Value[(at + 1)..]).Append('"');
                    break;
                }
                case Fn fn:
                    Write(new Map([(fn.Name, fn.Argument)]), depth, inline);
                    break;
                case Seq seq:
                    Container("[", "]", seq.Items.Select(i => ((string?)null, i)).ToList(), depth, inline);
                    break;
                case Map map:
                    Container("{", "}", map.Entries.Select(e => ((string?)e.Key, e.Value)).ToList(), depth, inline);
                    break;
            }
        }

        private void Container(string open, string close, List<(string? Key, Node Value)> members, int depth, bool inline)
        {
            builder.Append(open);
            if (members.Count == 0)
            {
                builder.Append(close);
                return;
            }
            var colon = unit is null ? ":" : generator.Pick(": ", ": ", ":");
            for (var i = 0; i < members.Count; i++)
            {
                if (inline)
                {
                    if (i > 0)
                        builder.Append(unit is null ? "," : ", ");
                }
                else
                {
                    if (i > 0)
                        builder.Append(',');
                    if (generator.Chance(0.05))
                        builder.Append(" // note");
                    builder.Append(eol).Append(Indent(depth + 1));
                    if (generator.Chance(0.05))
                        builder.Append("/* comment */ ");
                }
                if (members[i].Key is { } key)
                    builder.Append(JsonEditor.Quote(key)).Append(colon);
                Write(members[i].Value, depth + 1, inline || generator.Chance(0.2));
            }
            if (!inline)
                builder.Append(eol).Append(Indent(depth));
            builder.Append(close);
        }

        private string Indent(int depth) => string.Concat(Enumerable.Repeat(unit ?? "", depth));

        private static string EscapeNonAscii(string quoted) =>
            string.Concat(quoted.Select(c => c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private sealed class YamlWriter(TemplateGenerator generator, StringBuilder builder, int unit, string eol)
    {
        /// <summary>Block mapping entries at <paramref name="indent"/>, each on its own line(s).</summary>
        public void Entries(Map map, int indent, bool leadingComments)
        {
            for (var i = 0; i < map.Entries.Count; i++)
            {
                if ((leadingComments || i > 0) && generator.Chance(0.1))
                    builder.Append(Spaces(generator.Chance(0.5) ? indent : 0)).Append("# a comment: with 'quotes' and #").Append(eol);
                if ((leadingComments || i > 0) && generator.Chance(0.05))
                    builder.Append(eol);
                var (key, value) = map.Entries[i];
                builder.Append(Spaces(indent)).Append(Key(key)).Append(':');
                AfterKey(value, indent);
            }
        }

        /// <summary>What follows "key:" (or "-"): the value on the same line, or a line break and a block collection deeper.</summary>
        private void AfterKey(Node value, int indent)
        {
            switch (value)
            {
                case Str { Value: var text } when text.Contains('\n') && !text.Split('\n').Any(l => l.Length == 0 || l[0] is ' ' or '\t' || l.EndsWith(' ')):
                    builder.Append(" |-").Append(eol);
                    foreach (var line in text.Split('\n'))
                        builder.Append(Spaces(indent + unit)).Append(line).Append(eol);
                    return;
                case Str { Value: var text } when text.Length > 0 && text[0] is not (' ' or '\t' or '#') && !text.Contains('\n') && !text.EndsWith(' ') && !text.Contains('\t') && generator.Chance(0.1):
                    builder.Append(" >-").Append(eol).Append(Spaces(indent + unit)).Append(text).Append(eol);
                    return;
                case Escaped escaped:
                {
                    var at = generator.random.Next(1, escaped.Value.Length);
                    var escape = generator.random.Next(3) switch
                    {
                        0 => $"\\x{(int)escaped.Value[at]:X2}" + escaped.Value[(at + 1)..],
                        1 => $"\\u{(int)escaped.Value[at]:x4}" + escaped.Value[(at + 1)..],
                        _ => "\\" + eol + Spaces(indent + unit) + escaped.Value[at..],
                    };
                    builder.Append(" \"").Append(escaped.Value[..at]).Append(escape).Append('"').Append(eol);
                    return;
                }
                case Null:
                    builder.Append(generator.Pick(" null", " ~", "", " # nothing")).Append(eol);
                    return;
                case Str or Num:
                    builder.Append(' ').Append(Scalar(value, inFlow: false)).Append(generator.Chance(0.1) ? " # trailing" : "").Append(eol);
                    return;
                case Fn fn when generator.Chance(0.6):
                    builder.Append(' ').Append(ShortTag(fn.Name));
                    if (fn.Argument is Seq { Items.Count: > 0 } or Map { Entries.Count: > 0 } && generator.Chance(0.4))
                        Block(fn.Argument, indent);
                    else
                        builder.Append(' ').Append(Flow(fn.Argument, tagged: true)).Append(eol);
                    return;
                case Fn fn:
                    Block(new Map([(fn.Name, fn.Argument)]), indent);
                    return;
                case Seq { Items.Count: 0 }:
                    builder.Append(" []").Append(eol);
                    return;
                case Map { Entries.Count: 0 }:
                    builder.Append(" {}").Append(eol);
                    return;
                default:
                    if (generator.Chance(0.15))
                    {
                        builder.Append(' ');
                        MultiLineFlow(value, indent);
                    }
                    else if (generator.Chance(0.15))
                        builder.Append(' ').Append(Flow(value)).Append(eol);
                    else
                        Block(value, indent);
                    return;
            }
        }

        private void Block(Node collection, int indent)
        {
            builder.Append(eol);
            if (collection is Map map)
            {
                Entries(map, indent + unit, leadingComments: true);
                return;
            }
            // A sequence in a mapping may sit at the key's own indentation.
            var dash = generator.Chance(0.3) ? indent : indent + unit;
            foreach (var item in ((Seq)collection).Items)
            {
                switch (item)
                {
                    case Map { Entries.Count: > 0 } itemMap when generator.Chance(0.7):
                    {
                        var nested = new StringBuilder();
                        new YamlWriter(generator, nested, unit, eol).Entries(itemMap, dash + 2, leadingComments: false);
                        builder.Append(Spaces(dash)).Append("- ").Append(nested.ToString(dash + 2, nested.Length - dash - 2));
                        break;
                    }
                    case Seq { Items.Count: > 0 } or Map { Entries.Count: > 0 }:
                        builder.Append(Spaces(dash)).Append("- ").Append(Flow(item)).Append(eol);
                        break;
                    default:
                        builder.Append(Spaces(dash)).Append("- ").Append(Flow(item)).Append(eol);
                        break;
                }
            }
        }

        private void MultiLineFlow(Node collection, int indent)
        {
            var (open, close, members) = collection switch
            {
                Map map => ("{", "}", map.Entries.Select(e => Key(e.Key, inFlow: true) + ": " + Flow(e.Value)).ToList()),
                Fn fn => ("{", "}", [Key(fn.Name, inFlow: true) + ": " + Flow(fn.Argument)]),
                _ => ("[", "]", ((Seq)collection).Items.Select(Flow).ToList()),
            };
            builder.Append(open).Append(eol);
            builder.Append(string.Join("," + eol, members.Select(m => Spaces(indent + unit) + m))).Append(eol);
            builder.Append(Spaces(indent + unit)).Append(close).Append(eol);
        }

        /// <summary>A node in flow style; one that already carries a tag cannot take a second, so a function there takes the long form.</summary>
        private string Flow(Node node) => Flow(node, tagged: false);

        private string Flow(Node node, bool tagged) => node switch
        {
            Map map => "{" + string.Join(", ", map.Entries.Select(e => Key(e.Key, inFlow: true) + ": " + Flow(e.Value))) + "}",
            Seq seq => "[" + string.Join(", ", seq.Items.Select(Flow)) + "]",
            Fn fn when !tagged && generator.Chance(0.5) => ShortTag(fn.Name) + " " + Flow(fn.Argument, tagged: true),
            Fn fn => "{" + Key(fn.Name, inFlow: true) + ": " + Flow(fn.Argument) + "}",
            _ => Scalar(node, inFlow: true),
        };

        private string Scalar(Node node, bool inFlow)
        {
            if (node is Num num)
                return num.Text;
            if (node is Null)
                return generator.Pick("null", "~");
            if (node is Escaped escaped)
                return "\"\\x" + ((int)escaped.Value[0]).ToString("X2") + escaped.Value[1..] + "\"";
            var value = ((Str)node).Value;
            var style = generator.random.Next(4);
            if (style <= 1 && IsPlainSafe(value, inFlow))
                return value;
            if (style == 2 && !value.Any(c => c is '\n' or '\t') && !value.StartsWith(' ') && !value.EndsWith(' '))
                return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
        }

        private string Key(string key, bool inFlow = false) => Scalar(new Str(key), inFlow);

        private static string ShortTag(string function) => "!" + (function.StartsWith("Fn::", StringComparison.Ordinal) ? function[4..] : function);

        private static string Spaces(int count) => new(' ', count);
    }
}
