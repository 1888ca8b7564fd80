using System.Text.Json;
using System.Text;
using Boundary.Amplify;
using Boundary.Core;
using Boundary.Files;
using Boundary.Templates;
using Boundary.Tests.Corpus;
using Boundary.Text;
using Boundary.Verify;
using YamlDotNet.RepresentationModel;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// Random mutations of the corpus's real templates (byte flips, truncation, escapes in the Type, duplicated
/// lines, anchors and aliases, deep nesting, empty boundaries, Fn::If at the Properties level) through
/// the scanner's checks, inject and verify in-process. Invariants: nothing but a
/// <see cref="BoundaryException"/> escapes; the prefilter never skips a file the parser finds a principal
/// in; after a successful inject no covered principal is missing for verify, and a standard reader
/// (System.Text.Json, YamlDotNet's representation model) reads the result as the input plus the boundary.
/// A fixed set of seeds runs in the normal suite; BOUNDARY_FUZZ_SEEDS asks for more. A failure names its
/// seed and writes the mutated bytes beside the test output, so it can be replayed.
/// </summary>
[Category("Unit")]
public class TemplateFuzzTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/FuzzBoundary";

    private static int Seeds => int.TryParse(Environment.GetEnvironmentVariable("BOUNDARY_FUZZ_SEEDS"), out var seeds) ? seeds : 600;

    private static readonly Lazy<IReadOnlyList<(string Path, byte[] Bytes)>> Corpus = new(LoadCorpus);

    [Test]
    public void Mutated_corpus_templates_keep_every_invariant()
    {
        CorpusFolder.Require();
        var templates = Corpus.Value;
        if (templates.Count == 0)
            Assert.Ignore("the corpus holds no template with an IAM principal below 256 KB.");
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        for (var seed = 0; seed < Seeds && failures.Count < 5; seed++)
        {
            var random = new Random(seed);
            var (path, original) = templates[random.Next(templates.Count)];
            var mutated = Mutate(original, random, out var mutations);
            var failure = Check(mutated, out var outcome);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (failure is null)
                continue;
            var saved = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"fuzz-seed-{seed}{Path.GetExtension(path)}");
            File.WriteAllBytes(saved, mutated);
            failures.Add($"seed {seed} ({path}; {string.Join(", ", mutations)}): {failure}\n  mutated file: {saved}");
        }
        TestContext.Progress.WriteLine($"fuzz: {Seeds} seeds over {templates.Count} corpus templates: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        failures.Should().BeEmpty();
        outcomes.GetValueOrDefault("injected").Should().BeGreaterThan(Seeds / 10, "enough mutants still parse for the invariants to be exercised");
    }

    /// <summary>Null when every invariant holds; else what broke.</summary>
    private static string? Check(byte[] bytes, out string outcome)
    {
        outcome = "refused";
        try
        {
            var source = new SourceText("fuzz", bytes);
            TemplateScanner.EnsureUtf8Text(source);
            var skipped = TemplateScanner.CannotHoldPrincipal(source.Content);
            var template = CloudFormationTemplate.Load(source);
            if (template is null || template.Principals.Count == 0)
            {
                outcome = "no principal";
                return null;
            }
            if (skipped)
                return $"the prefilter skips a file in which the parser finds {template.Principals[0].LogicalId} ({template.Principals[0].Type})";
            var options = new InjectionOptions();
            var plan = BoundaryInjector.Plan(template, Arn, options);
            var output = plan.Apply();
            var reloaded = CloudFormationTemplate.Load(new SourceText("fuzz", output))
                ?? throw new InvalidOperationException("the injected file is no template any more");
            var expected = PolicyArn.Parse(Arn);
            foreach (var principal in reloaded.Principals.Where(p => BoundaryInjector.Covers(p, options)))
            {
                var verdict = Verifier.Judge("fuzz", principal, expected, new VerifyOptions());
                if (verdict.Status == VerifyStatus.Missing)
                    return $"after inject, verify still finds {principal.LogicalId} missing: {verdict.Message}";
            }
            if (reloaded.Principals.Count != template.Principals.Count)
                return $"inject changed the number of principals from {template.Principals.Count} to {reloaded.Principals.Count}";
            outcome = "injected";
            return StandardDifference(bytes, output);
        }
        catch (BoundaryException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
        }
    }

    /// <summary>Null when a standard reader sees the output as the input plus PermissionsBoundary values (both read alike with empty and injected boundaries dropped).</summary>
    private static string? StandardDifference(byte[] before, byte[] after)
    {
        string? Canonical(byte[] bytes)
        {
            var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
            if (CloudFormationTemplate.LooksLikeJson(Encoding.UTF8.GetBytes(text)))
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 2048 });
                var builder = new StringBuilder();
                JsonCanonical(document.RootElement, builder, 0);
                return builder.ToString();
            }
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                return null; // the standard reader refuses the input itself (duplicate keys, for one): nothing to compare
            }
            var yaml = new StringBuilder();
            YamlCanonical(stream.Documents[0].RootNode, yaml, 0);
            return yaml.ToString();
        }
        var expected = Canonical(before);
        if (expected is null)
            return null;
        var actual = Canonical(after);
        return actual == expected ? null : $"a standard reader sees more than the boundary change:\n  before {Excerpt(expected, actual ?? "")}\n  after  {Excerpt(actual ?? "(unreadable)", expected)}";
    }

    private static string Excerpt(string text, string other)
    {
        var at = 0;
        while (at < text.Length && at < other.Length && text[at] == other[at])
            at++;
        var from = Math.Max(0, at - 80);
        return text.Substring(from, Math.Min(200, text.Length - from));
    }

    private static bool IsDroppedBoundary(string name, JsonElement value) =>
        name == CloudFormationTemplate.BoundaryProperty && (value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString() is "" or Arn));

    private static void JsonCanonical(JsonElement element, StringBuilder builder, int depth)
    {
        if (depth > 1500)
            return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                foreach (var property in element.EnumerateObject())
                {
                    if (IsDroppedBoundary(property.Name, property.Value))
                        continue;
                    if (property.Name == "Properties" && property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().All(p => IsDroppedBoundary(p.Name, p.Value)))
                        continue; // Properties added to hold only the boundary
                    builder.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    JsonCanonical(property.Value, builder, depth + 1);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    JsonCanonical(item, builder, depth + 1);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            default:
                builder.Append(element.ValueKind == JsonValueKind.String ? JsonSerializer.Serialize(element.GetString()) : element.GetRawText());
                break;
        }
    }

    private static bool IsDroppedBoundary(YamlNode key, YamlNode value) =>
        key is YamlScalarNode { Value: CloudFormationTemplate.BoundaryProperty }
        && value is YamlScalarNode scalar
        && (scalar.Value is "" or Arn || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL") || scalar.Tag.Value == "tag:yaml.org,2002:null");

    private static void YamlCanonical(YamlNode node, StringBuilder builder, int depth)
    {
        if (depth > 1500)
            return;
        switch (node)
        {
            case YamlMappingNode mapping:
                builder.Append(mapping.Tag.IsEmpty ? "" : mapping.Tag.Value).Append('{');
                foreach (var (key, value) in mapping.Children)
                {
                    if (IsDroppedBoundary(key, value))
                        continue;
                    if (key is YamlScalarNode { Value: "Properties" } && value is YamlMappingNode properties && properties.Children.All(c => IsDroppedBoundary(c.Key, c.Value)))
                        continue;
                    if (key is YamlScalarNode { Value: "Properties" } && value is YamlScalarNode { Value: "" or "~" or "null" })
                        continue; // "Properties:" with nothing, filled with the boundary
                    YamlCanonical(key, builder, depth + 1);
                    builder.Append(':');
                    YamlCanonical(value, builder, depth + 1);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case YamlSequenceNode sequence:
                builder.Append(sequence.Tag.IsEmpty ? "" : sequence.Tag.Value).Append('[');
                foreach (var item in sequence.Children)
                {
                    YamlCanonical(item, builder, depth + 1);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            case YamlScalarNode scalar:
                // Quoting style is how a value is written, not what it is, except that a plain scalar may be another type.
                builder.Append(scalar.Tag.IsEmpty ? "" : scalar.Tag.Value)
                    .Append(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? "p" : "s")
                    .Append(JsonSerializer.Serialize(scalar.Value));
                break;
        }
    }

    private static byte[] Mutate(byte[] original, Random random, out List<string> mutations)
    {
        var bytes = original.ToList();
        mutations = [];
        var isJson = CloudFormationTemplate.LooksLikeJson(original);
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            var kind = random.Next(10);
            mutations.Add(kind switch
            {
                0 => FlipByte(bytes, random),
                1 => Truncate(bytes, random),
                2 or 3 => EscapeType(bytes, random, isJson),
                4 => DuplicateLine(bytes, random),
                5 => isJson ? DeepNesting(bytes, random, isJson) : Anchor(bytes, random),
                6 => DeepNesting(bytes, random, isJson),
                7 => EmptyBoundary(bytes, random, isJson),
                8 => FnIfProperties(bytes, random, isJson),
                _ => InsertEscape(bytes, random, isJson),
            });
        }
        return [.. bytes];
    }

    private static string FlipByte(List<byte> bytes, Random random)
    {
        if (bytes.Count == 0)
            return "flip (empty)";
        var at = random.Next(bytes.Count);
        bytes[at] = (byte)"{}[],:'\"#&*!|>-? \n\t\r\\\u00ff\0"[random.Next(22)];
        return $"flip at {at}";
    }

    private static string Truncate(List<byte> bytes, Random random)
    {
        var at = random.Next(bytes.Count + 1);
        bytes.RemoveRange(at, bytes.Count - at);
        return $"truncate at {at}";
    }

    private static readonly string[] Types = ["AWS::IAM::Role", "AWS::IAM::User", "AWS::Serverless::Function"];

    /// <summary>One principal type respelled with escapes the format allows (a YAML one only inside double quotes).</summary>
    private static string EscapeType(List<byte> bytes, Random random, bool isJson)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var type = Types[random.Next(Types.Length)];
        var at = text.IndexOf(type, random.Next(Math.Max(1, text.Length)), StringComparison.Ordinal);
        if (at < 0)
            at = text.IndexOf(type, StringComparison.Ordinal);
        if (at < 0)
            return "escape type (none)";
        var which = random.Next(type.Length);
        var escape = isJson ? $"\\u{(int)type[which]:x4}" : random.Next(3) switch
        {
            0 => $"\\x{(int)type[which]:X2}",
            1 => $"\\u{(int)type[which]:X4}",
            _ => "\\\n      ",
        };
        var escaped = escape.StartsWith("\\\n", StringComparison.Ordinal) ? type[..which] + escape + type[which..] : type[..which] + escape + type[(which + 1)..];
        string replaced;
        if (isJson)
        {
            replaced = text[..at] + escaped + text[(at + type.Length)..];
        }
        else
        {
            // Unquote what was around it, then write it double-quoted.
            var start = at > 0 && text[at - 1] is '\'' or '"' ? at - 1 : at;
            var end = at + type.Length < text.Length && text[at + type.Length] is '\'' or '"' ? at + type.Length + 1 : at + type.Length;
            replaced = text[..start] + "\"" + escaped + "\"" + text[end..];
        }
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(replaced));
        return $"escape {type}[{which}]";
    }

    private static string InsertEscape(List<byte> bytes, Random random, bool isJson)
    {
        var at = random.Next(bytes.Count + 1);
        var escape = isJson ? "\\u0041" : random.Next(2) == 0 ? "\\x3a" : "\\\n";
        bytes.InsertRange(at, Encoding.UTF8.GetBytes(escape));
        return $"insert escape at {at}";
    }

    private static string DuplicateLine(List<byte> bytes, Random random)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var lines = text.Split('\n').ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains("Type") || lines[i].Contains("Properties") || lines[i].Contains("PermissionsBoundary") || lines[i].Contains("Resources")).ToList();
        var index = candidates.Count > 0 && random.Next(3) > 0 ? candidates[random.Next(candidates.Count)] : random.Next(lines.Count);
        lines.Insert(index, lines[index]);
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return $"duplicate line {index + 1}";
    }

    /// <summary>An anchor on a Properties (or resource) mapping, used by an alias in another resource.</summary>
    private static string Anchor(List<byte> bytes, Random random)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var lines = text.Split('\n').ToList();
        var anchorable = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimEnd('\r').EndsWith("Properties:", StringComparison.Ordinal) || lines[i].TrimEnd('\r').EndsWith("Resources:", StringComparison.Ordinal)).ToList();
        if (anchorable.Count == 0)
            return "anchor (none)";
        var index = anchorable[random.Next(anchorable.Count)];
        var eol = lines[index].EndsWith('\r') ? "\r" : "";
        lines[index] = lines[index].TrimEnd('\r') + " &fz" + eol;
        var later = Enumerable.Range(index + 1, lines.Count - index - 1).Where(i => lines[i].TrimEnd('\r').EndsWith("Properties:", StringComparison.Ordinal) || lines[i].Contains("Type:")).ToList();
        if (later.Count == 0)
            return $"anchor at {index + 1} (unused)";
        var use = later[random.Next(later.Count)];
        var indent = lines[use][..(lines[use].Length - lines[use].TrimStart().Length)];
        lines.Insert(use, random.Next(2) == 0 ? $"{indent}Metadata: *fz{eol}" : $"{indent}<<: *fz{eol}");
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return $"anchor at {index + 1}, alias at {use + 1}";
    }

    /// <summary>An occurrence of <paramref name="marker"/> at or after a random place, else the first one (-1: none).</summary>
    private static int RandomOccurrence(string text, string marker, Random random)
    {
        var at = text.IndexOf(marker, random.Next(Math.Max(1, text.Length)), StringComparison.Ordinal);
        return at >= 0 ? at : text.IndexOf(marker, StringComparison.Ordinal);
    }

    /// <summary>A deeply nested value (sometimes beyond what the readers accept) as a new first member of a Properties.</summary>
    private static string DeepNesting(List<byte> bytes, Random random, bool isJson)
    {
        var depth = random.Next(2) == 0 ? random.Next(10, 200) : random.Next(900, 1200);
        var nested = new string('[', depth) + "1" + new string(']', depth);
        var text = Encoding.UTF8.GetString([.. bytes]);
        var marker = isJson ? "\"Properties\": {" : "Properties:\n";
        var at = RandomOccurrence(text, marker, random);
        if (at < 0)
            return "nesting (no place)";
        var next = at + marker.Length;
        if (isJson)
        {
            text = text.Insert(next, "\"FuzzNested\": " + nested + ", ");
        }
        else
        {
            var indent = new string(' ', text[next..].TakeWhile(c => c == ' ').Count());
            text = text.Insert(next, indent + "FuzzNested: " + nested + "\n");
        }
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
        return $"nesting {depth}";
    }

    private static string EmptyBoundary(List<byte> bytes, Random random, bool isJson)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var marker = isJson ? "\"Properties\": {" : "Properties:";
        var at = RandomOccurrence(text, marker, random);
        if (at < 0)
            return "empty boundary (no place)";
        string inserted;
        if (isJson)
        {
            inserted = random.Next(2) == 0 ? "\"PermissionsBoundary\": \"\", " : "\"PermissionsBoundary\": null, ";
            text = text.Insert(at + marker.Length, inserted);
        }
        else
        {
            var lineEnd = text.IndexOf('\n', at);
            var next = lineEnd < 0 ? -1 : lineEnd + 1;
            if (next < 0 || next >= text.Length)
                return "empty boundary (no next line)";
            var indent = new string(' ', text[next..].TakeWhile(c => c == ' ').Count());
            inserted = indent + "PermissionsBoundary: " + new[] { "", "~", "null", "''", "\"\"" }[random.Next(5)] + "\n";
            text = text.Insert(next, inserted);
        }
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
        return "empty boundary";
    }

    /// <summary>A role's Properties wrapped in Fn::If (the original as one branch, AWS::NoValue or a copy as the other).</summary>
    private static string FnIfProperties(List<byte> bytes, Random random, bool isJson)
    {
        if (!isJson)
        {
            var yaml = Encoding.UTF8.GetString([.. bytes]);
            var at = yaml.IndexOf("Properties:\n", StringComparison.Ordinal);
            if (at < 0)
                return "fn::if (no place)";
            var lineStart = yaml.LastIndexOf('\n', at) + 1;
            var indent = yaml[lineStart..at];
            if (indent.Trim().Length > 0)
                return "fn::if (not a block key)";
            // Properties: !If [C, {copied flow}, ...] is hard to build from block text: use the long form with the block as branch.
            var bodyStart = at + "Properties:\n".Length;
            var bodyEnd = bodyStart;
            while (bodyEnd < yaml.Length)
            {
                var next = yaml.IndexOf('\n', bodyEnd);
                var line = next < 0 ? yaml[bodyEnd..] : yaml[bodyEnd..next];
                if (line.Trim().Length > 0 && !line.StartsWith(indent + " ", StringComparison.Ordinal))
                    break;
                bodyEnd = next < 0 ? yaml.Length : next + 1;
            }
            var body = yaml[bodyStart..bodyEnd];
            var bodyIndent = new string(' ', body.TakeWhile(c => c == ' ').Count());
            var shifted = string.Join('\n', body.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
            var branch = shifted.Length > 0 ? bodyIndent + "  - " + shifted.TrimStart() : bodyIndent + "  - {}\n";
            var other = random.Next(2) == 0 ? $"{bodyIndent}  - !Ref AWS::NoValue\n" : $"{bodyIndent}  - {{}}\n";
            var wrapped = $"{indent}Properties:\n{bodyIndent}Fn::If:\n{bodyIndent}  - FuzzCondition\n{branch}{(branch.EndsWith('\n') ? "" : "\n")}{other}";
            yaml = yaml[..lineStart] + wrapped + yaml[bodyEnd..];
            bytes.Clear();
            bytes.AddRange(Encoding.UTF8.GetBytes(yaml));
            return "fn::if (yaml)";
        }
        var text = Encoding.UTF8.GetString([.. bytes]);
        var start = text.IndexOf("\"Properties\":", StringComparison.Ordinal);
        if (start < 0)
            return "fn::if (no place)";
        var open = text.IndexOf('{', start);
        if (open < 0)
            return "fn::if (no object)";
        var close = MatchingBrace(text, open);
        if (close < 0)
            return "fn::if (unbalanced)";
        var original = text[open..(close + 1)];
        var second = random.Next(2) == 0 ? "{\"Ref\": \"AWS::NoValue\"}" : original;
        text = text[..open] + "{\"Fn::If\": [\"FuzzCondition\", " + original + ", " + second + "]}" + text[(close + 1)..];
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(text));
        return "fn::if (json)";
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            else if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return i;
        }
        return -1;
    }

    /// <summary>Every template with a principal below 256 KB in the corpus's backends.</summary>
    private static IReadOnlyList<(string, byte[])> LoadCorpus()
    {
        var found = new List<(string, byte[])>();
        foreach (var project in CorpusFolder.ProjectNames)
        {
            var backend = Path.Combine(CorpusFolder.Projects!, project, "amplify", "backend");
            if (!Directory.Exists(backend))
                continue;
            foreach (var file in TemplateFinder.Find([backend]))
            {
                if (new FileInfo(file).Length > 256 * 1024)
                    continue;
                var bytes = File.ReadAllBytes(file);
                try
                {
                    if (CloudFormationTemplate.Load(new SourceText(file, bytes)) is { Principals.Count: > 0 })
                        found.Add((Path.GetRelativePath(CorpusFolder.Projects!, file), bytes));
                }
                catch (BoundaryException)
                {
                }
            }
        }
        return found;
    }
}
