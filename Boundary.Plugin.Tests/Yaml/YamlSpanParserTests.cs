using System.Text;
using Boundary.Text;
using Boundary.Yaml;

namespace Boundary.Tests.Yaml;

[Category("Unit")]
public class YamlSpanParserTests
{
    private const string Template = """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables: {A: 1, B: &shared {PermissionsBoundary: arn:aws:iam::123456789012:policy/X}}
          Role:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: p
              Tags: *shared
        """;

    [Test]
    public void Collections_below_the_properties_level_are_skipped_with_their_span()
    {
        var document = Parse(Template);

        var role = Entry(Entry(document.Root, "Resources"), "Role");
        var policies = Entry(Entry(role, "Properties"), "Policies");
        policies.Skipped.Should().BeTrue();
        Text(policies).Should().Be("- PolicyName: p");
        var reading = () => policies.Items;
        reading.Should().Throw<InvalidOperationException>("a skipped collection must not read as an empty one");
    }

    [Test]
    public void An_anchored_node_inside_a_skipped_collection_is_read_whole_and_its_aliases_are_known()
    {
        var document = Parse(Template);

        var alias = document.Aliases.Should().ContainSingle().Subject;
        alias.Value.Should().Be("shared");
        alias.Target!.Skipped.Should().BeFalse();
        alias.Target.Entries.Single().Name.Should().Be("PermissionsBoundary");
        var tags = Entry(Entry(Entry(Entry(document.Root, "Resources"), "Role"), "Properties"), "Tags");
        tags.Should().BeSameAs(alias);
    }

    [Test]
    public void Values_of_boundary_and_fn_if_keys_are_read_whole_at_any_depth()
    {
        var document = Parse("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  PermissionsBoundary: {Fn::Sub: [x, {a: {b: c}}]}
                  Fn::If: [c, {a: {b: c}}, {Ref: AWS::NoValue}]
            """);

        var properties = Entry(Entry(Entry(document.Root, "Resources"), "Role"), "Properties");
        Entry(properties, "PermissionsBoundary").Skipped.Should().BeFalse();
        Entry(properties, "PermissionsBoundary").Entries[0].Value.Items[1].Skipped.Should().BeFalse();
        Entry(properties, "Fn::If").Items[1].Entries[0].Value.Skipped.Should().BeFalse();
    }

    [Test]
    public void A_key_of_any_style_has_its_name_span_and_node()
    {
        const string yaml = "k: 1\n'q': 2\n!t t: 3\n&a a: 4\n*a : 5\n<<: {m: 6}\n!!merge <<: {n: 7}\n? [x]\n: 8\n";
        var root = Parse(yaml).Root;

        var keys = root.Entries.Select(e => (e.Name, Text(yaml, e.KeyStart, e.KeyEnd), e.Key.IsPlainScalar, e.Key.Tag, e.Key.Anchor, e.IsMerge)).ToList();

        keys.Should().Equal(
            ("k", "k", true, null, null, false),
            ("q", "'q'", false, null, null, false),
            ("t", "!t t", false, "!t", null, false),
            ("a", "&a a", true, null, "a", false),
            (null, "*a", false, null, null, false),
            ("<<", "<<", true, null, null, true),
            ("<<", "!!merge <<", false, "tag:yaml.org,2002:merge", null, true),
            (null, "[x]", false, null, null, false));
        root.Entries.Select(e => e.Key.Kind).Should().Equal(Enumerable.Repeat(YamlKind.Scalar, 4).Append(YamlKind.Alias).Concat([YamlKind.Scalar, YamlKind.Scalar, YamlKind.Sequence]));
        root.Entries.Should().OnlyContain(e => e.Key.Start == e.KeyStart && e.Key.End == e.KeyEnd, "a key made from its text has the span it was read with");
        root.Entries.Select(root.IndexOf).Should().Equal(Enumerable.Range(0, 8), "each entry is found where it stands");
    }

    [Test]
    public void The_depth_limit_is_at_a_plain_key_as_at_any_node()
    {
        var yaml = "X: &a " + new string('[', 1023) + "{k: v}" + new string(']', 1023) + "\n";

        var parsing = () => Parse(yaml);

        parsing.Should().Throw<Boundary.Core.BoundaryException>().Which.Message.Should().StartWith("t.yaml:1:1031: invalid YAML: the document is nested deeper than 1024 levels");
    }

    [Test]
    public void A_node_takes_48_bytes_since_a_large_template_holds_millions()
    {
        var nodes = new YamlNode[1000];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = new YamlNode { Kind = YamlKind.Scalar, Start = i, Tag = "!Ref", Value = "x" };
        var each = (GC.GetAllocatedBytesForCurrentThread() - before) / nodes.Length;

        each.Should().Be(48);
    }

    private static string Text(string yaml, int start, int end) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(yaml)[start..end]);

    private static YamlDocument Parse(string yaml) => YamlSpanParser.Parse(new SourceText("t.yaml", Encoding.UTF8.GetBytes(yaml)))!;

    private static YamlNode Entry(YamlNode mapping, string name) => mapping.Entries.Single(e => e.Name == name).Value;

    private static string Text(YamlNode node) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(Template)[node.Start..node.End]);
}
