using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Verify;

/// <summary>
/// One template's verdicts as verify keeps them until its report, packed into a few arrays and a message
/// each: as objects (a result, its resource, their id and message) the 150,000 principals of a large project
/// were most of what each garbage collection of a verify found alive. Each <see cref="VerifyResult"/> is made when it
/// is read; its <see cref="VerifyResult.Resource"/> then holds what a report shows of the principal (the
/// record's positional fields), not what it was judged by (choices, branches, events).
/// </summary>
public sealed class PackedVerifyResults : PackedList<VerifyResult>
{
    // Per result: where its logical id ends in `ids`; the resource's offset, line, column, boundary kind and
    // whether it has Properties; the status; the rule (index in VerifyRule.All, -1: none); and the indexes
    // among the distinct texts of its file, type, boundary value and level (-1: none).
    private const int Fields = 12;
    private const int IdEnd = 0, Offset = 1, Line = 2, Column = 3, Kind = 4, HasProperties = 5, Status = 6, Rule = 7,
        FileText = 8, TypeText = 9, ValueText = 10, LevelText = 11;

    private static readonly int StatusCount = Enum.GetValues<VerifyStatus>().Length;

    // The ids in one array (as long as the template's text at most: a string could be too short for them);
    // the messages as they were made, whose total has no such bound.
    private readonly char[] ids;
    private readonly string[] messages;
    private readonly int[] countsByStatus;

    private PackedVerifyResults(char[] ids, string[] messages, int[] records, string[] texts, int[] countsByStatus, int errors, int warnings)
        : base(records, Fields, texts)
    {
        this.ids = ids;
        this.messages = messages;
        this.countsByStatus = countsByStatus;
        ErrorCount = errors;
        WarningCount = warnings;
    }

    public static PackedVerifyResults Of(IReadOnlyList<VerifyResult> results)
    {
        var records = new int[results.Count * Fields];
        var messages = new string[results.Count];
        var texts = new StringTable();
        var counts = new int[StatusCount];
        int idLength = 0, errors = 0, warnings = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var (file, resource, status, rule, level, message) = results[i];
            var at = i * Fields;
            idLength += resource.LogicalId.Length;
            records[at + IdEnd] = idLength;
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
            messages[i] = message;
            counts[(int)status]++;
            errors += level == "error" ? 1 : 0;
            warnings += level == "warning" ? 1 : 0;
        }
        var ids = new char[idLength];
        var end = 0;
        foreach (var result in results)
        {
            result.Resource.LogicalId.CopyTo(ids.AsSpan(end));
            end += result.Resource.LogicalId.Length;
        }
        return new PackedVerifyResults(ids, messages, records, texts.ToArray(), counts, errors, warnings);
    }

    private static int IndexOfRule(VerifyRule rule)
    {
        for (var i = 0; i < VerifyRule.All.Count; i++)
            if (VerifyRule.All[i] == rule)
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
        var start = index == 0 ? 0 : Records[at - Fields + IdEnd];
        var resource = new TemplateResource(
            new string(ids, start, Records[at + IdEnd] - start),
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
            messages[index]);
    }
}
