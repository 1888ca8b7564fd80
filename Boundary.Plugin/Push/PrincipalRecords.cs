using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Push;

/// <summary>
/// A template's principal outcomes as the rest of a run keeps them, packed into a few arrays: a run keeps
/// every template's outcomes until its report, and as objects (an outcome, its resource, their strings)
/// the 150,000 roles of a large project were most of what each garbage collection found alive and had to
/// trace, for as long as the run lasted. Each <see cref="PrincipalReport"/> is made when it is read.
/// </summary>
public sealed class PrincipalRecords : PackedList<PrincipalReport>
{
    // Per principal: where its logical id ends in `ids`, line, column, action, boundary kind, and the
    // indexes among the template's distinct texts (most templates have a handful) of its type, its
    // boundary value and its note (-1: none).
    private const int Fields = 8;
    private const int IdEnd = 0, Line = 1, Column = 2, Action = 3, Kind = 4, TypeText = 5, ValueText = 6, NoteText = 7;

    private static readonly int ActionCount = Enum.GetValues<PrincipalAction>().Length;

    private readonly char[] ids;
    private readonly int[] countsByAction;

    private PrincipalRecords(char[] ids, int[] records, string[] texts, int[] countsByAction)
        : base(records, Fields, texts)
    {
        this.ids = ids;
        this.countsByAction = countsByAction;
    }

    public static PrincipalRecords Of(IReadOnlyList<PrincipalOutcome> outcomes)
    {
        var records = new int[outcomes.Count * Fields];
        var texts = new StringTable();
        var counts = new int[ActionCount];
        var idLength = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (resource, action, note) = outcomes[i];
            var at = i * Fields;
            idLength += resource.LogicalId.Length;
            records[at + IdEnd] = idLength;
            records[at + Line] = resource.Line;
            records[at + Column] = resource.Column;
            records[at + Action] = (int)action;
            records[at + Kind] = (int)resource.Boundary;
            records[at + TypeText] = texts.IndexOf(resource.Type);
            records[at + ValueText] = resource.BoundaryValue is { } value ? texts.IndexOf(value) : -1;
            records[at + NoteText] = note is null ? -1 : texts.IndexOf(note);
            counts[(int)action]++;
        }
        // One array of exactly the ids' length: no growing buffer (a 200 MB template has a million roles), and
        // an array, not a string: the ids of a template as large as an array may be longer than a string may be.
        var ids = new char[idLength];
        var end = 0;
        foreach (var (resource, _, _) in outcomes)
        {
            resource.LogicalId.CopyTo(ids.AsSpan(end));
            end += resource.LogicalId.Length;
        }
        return new PrincipalRecords(ids, records, texts.ToArray(), counts);
    }

    protected override PrincipalReport Make(int index, int at)
    {
        var start = index == 0 ? 0 : Records[at - Fields + IdEnd];
        return new PrincipalReport(
            new string(ids, start, Records[at + IdEnd] - start),
            Texts[Records[at + TypeText]],
            Records[at + Line],
            Records[at + Column],
            (PrincipalAction)Records[at + Action],
            TextAt(Records[at + NoteText]))
        {
            Boundary = (BoundaryKind)Records[at + Kind],
            BoundaryValue = TextAt(Records[at + ValueText]),
        };
    }

    /// <summary>How many principals had <paramref name="action"/>, without making their reports.</summary>
    public int CountOf(PrincipalAction action) => countsByAction[(int)action];
}
