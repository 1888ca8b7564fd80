using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Verify;

/// <summary>
/// One template's verdicts as verify keeps them until its report, packed into a few arrays: as objects (a
/// result, its resource, their id and message) the 150,000 principals of a large project were most of
/// what each garbage collection of a verify found alive. Each <see cref="VerifyResult"/> is made when it
/// is read; its <see cref="VerifyResult.Resource"/> then holds what a report shows of the principal (the
/// record's positional fields), not what it was judged by (choices, branches, events).
/// </summary>
public sealed class PackedVerifyResults : PackedList<VerifyResult>
{
    // Per result: where its logical id and then its message end in `text`; the resource's offset, line,
    // column, boundary kind and whether it has Properties; the status; the rule (index in VerifyRule.All,
    // -1: none); and the indexes among the distinct texts of its file, type, boundary value and level
    // (-1: none).
    private const int Fields = 13;
    private const int IdEnd = 0, MessageEnd = 1, Offset = 2, Line = 3, Column = 4, Kind = 5, HasProperties = 6,
        Status = 7, Rule = 8, FileText = 9, TypeText = 10, ValueText = 11, LevelText = 12;

    // The logical id and then the message of each result.
    private readonly string text;
    private readonly int[] countsByStatus;

    private PackedVerifyResults(string text, int[] records, string[] texts, int[] countsByStatus, int errors, int warnings)
        : base(records, Fields, texts)
    {
        this.text = text;
        this.countsByStatus = countsByStatus;
        ErrorCount = errors;
        WarningCount = warnings;
    }

    public static PackedVerifyResults Of(IReadOnlyList<VerifyResult> results)
    {
        var records = new int[results.Count * Fields];
        var texts = new StringTable();
        var counts = new int[Enum.GetValues<VerifyStatus>().Length];
        int length = 0, errors = 0, warnings = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var (file, resource, status, rule, level, message) = results[i];
            var at = i * Fields;
            length += resource.LogicalId.Length;
            records[at + IdEnd] = length;
            length += message.Length;
            records[at + MessageEnd] = length;
            records[at + Offset] = resource.Offset;
            records[at + Line] = resource.Line;
            records[at + Column] = resource.Column;
            records[at + Kind] = (int)resource.Boundary;
            records[at + HasProperties] = resource.HasProperties ? 1 : 0;
            records[at + Status] = (int)status;
            records[at + Rule] = rule is null ? -1 : IndexOfRule(rule);
            records[at + FileText] = texts.IndexOf(file);
            records[at + TypeText] = texts.IndexOf(resource.Type);
            records[at + ValueText] = resource.BoundaryValue is { } value ? texts.IndexOf(value) : -1;
            records[at + LevelText] = level is null ? -1 : texts.IndexOf(level);
            counts[(int)status]++;
            errors += level == "error" ? 1 : 0;
            warnings += level == "warning" ? 1 : 0;
        }
        // One string of exactly their length: no growing buffer.
        var text = string.Create(length, results, static (span, all) =>
        {
            foreach (var result in all)
            {
                result.Resource.LogicalId.CopyTo(span);
                span = span[result.Resource.LogicalId.Length..];
                result.Message.CopyTo(span);
                span = span[result.Message.Length..];
            }
        });
        return new PackedVerifyResults(text, records, texts.ToArray(), counts, errors, warnings);
    }

    private static int IndexOfRule(VerifyRule rule)
    {
        for (var i = 0; i < VerifyRule.All.Count; i++)
            if (ReferenceEquals(VerifyRule.All[i], rule) || VerifyRule.All[i] == rule)
                return i;
        throw new InvalidOperationException($"Rule {rule.Id} is not one of VerifyRule.All.");
    }

    /// <summary>The results at the "error" level.</summary>
    public int ErrorCount { get; }

    /// <summary>The results at the "warning" level.</summary>
    public int WarningCount { get; }

    /// <summary>How many results have <paramref name="status"/>, without making them.</summary>
    public int CountOf(VerifyStatus status) => countsByStatus[(int)status];

    protected override VerifyResult Make(int index, int at)
    {
        var start = index == 0 ? 0 : Records[at - Fields + MessageEnd];
        var resource = new TemplateResource(
            text[start..Records[at + IdEnd]],
            Texts[Records[at + TypeText]],
            Records[at + Offset],
            Records[at + Line],
            Records[at + Column],
            (BoundaryKind)Records[at + Kind],
            TextAt(Records[at + ValueText]),
            Records[at + HasProperties] == 1);
        return new VerifyResult(
            Texts[Records[at + FileText]],
            resource,
            (VerifyStatus)Records[at + Status],
            Records[at + Rule] < 0 ? null : VerifyRule.All[Records[at + Rule]],
            TextAt(Records[at + LevelText]),
            text[Records[at + IdEnd]..Records[at + MessageEnd]]);
    }
}
