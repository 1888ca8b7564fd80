using System.Globalization;
using System.Text;

namespace Boundary.Templates;

/// <summary>
/// The strings an intrinsic function may give, as far as the template alone decides them: an
/// <c>Fn::Sub</c> (<c>${!X}</c> is the literal <c>${X}</c>) whose variables its own map gives, an
/// <c>Fn::Join</c>, an <c>Fn::Select</c>, an <c>Fn::Split</c> as a list, and an <c>Fn::If</c>, which may give
/// either branch, wherever it stands among them. Anything else that depends on the deployment (<c>Ref</c>
/// to a parameter, <c>Fn::GetAtt</c>, a pseudo parameter that <see cref="PseudoParameters"/> does not
/// give) gives no known string. A boundary that always gives one string is
/// judged by it, as a literal would be; one that gives another env's boundary under some condition deploys
/// it then: another env's boundary behind an <c>Fn::Sub</c> is still another env's boundary.
/// </summary>
public static class ConstantIntrinsic
{
    /// <summary>Past this many strings a value may give, the rest are not listed (nor the value taken as always one).</summary>
    public const int MaxOutcomes = 64;

    /// <summary>Past this many steps an evaluation gives up (the value gives no known string): shared values can make a small term a huge tree of paths.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>
    /// What <paramref name="term"/> gives: the one string it always gives (or null); the strings it may
    /// give, each under some conditions (empty when none is known); and whether the evaluation went past
    /// its limits (<see cref="MaxOutcomes"/>, <see cref="MaxSteps"/>), when neither can be trusted.
    /// </summary>
    /// <param name="deployment">The pseudo parameters the deployment is known to give (<c>Ref</c> and <c>${...}</c> of them), if any.</param>
    public static (string? Always, IReadOnlyList<string> Choices, bool Exceeded) Read(IntrinsicTerm term, PseudoParameters? deployment = null)
    {
        if (term is not IntrinsicTerm.Function)
            return (null, [], false);
        var evaluation = new Evaluation(deployment);
        var outcomes = evaluation.StringsOf(term);
        var always = outcomes is { Complete: true, MayBeAbsent: false, Known: [var only] } ? only : null;
        return (evaluation.Exceeded ? null : always, outcomes.Known, evaluation.Exceeded);
    }

    /// <summary>
    /// What a value may give: <paramref name="Known"/> strings; whether it may also give nothing
    /// (<c>AWS::NoValue</c> in a branch: as a list item, the item is then taken out); and whether those are
    /// all (<paramref name="Complete"/>) or it may also give something the template alone does not decide.
    /// </summary>
    private readonly record struct Outcomes(IReadOnlyList<string> Known, bool MayBeAbsent, bool Complete)
    {
        public static readonly Outcomes Unknown = new([], false, false);

        public static readonly Outcomes Absent = new([], true, true);

        public static Outcomes Of(string value) => new([value], false, true);
    }

    /// <summary>What a list may be: each <paramref name="Known"/> list, under some conditions, and whether those are all.</summary>
    private readonly record struct ListOutcomes(IReadOnlyList<IReadOnlyList<string>> Known, bool Complete)
    {
        public static readonly ListOutcomes Unknown = new([], false);
    }

    /// <summary>One evaluation: what its steps have cost so far.</summary>
    private sealed class Evaluation(PseudoParameters? deployment)
    {
        private int steps = MaxSteps;

        /// <summary>The evaluation went past a limit: what it found is not all the value may give.</summary>
        public bool Exceeded { get; private set; }

        private bool OutOfSteps()
        {
            if (--steps >= 0)
                return false;
            Exceeded = true;
            return true;
        }

        public Outcomes StringsOf(IntrinsicTerm term) => OutOfSteps() ? Outcomes.Unknown : term switch
        {
            IntrinsicTerm.Text text => Outcomes.Of(text.Value),
            // A number in a list is its digits; one that a reader could give another value (0x1F, 012) is not read.
            IntrinsicTerm.Number number when IsDecimal(number.Value) => Outcomes.Of(number.Value),
            IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: "AWS::NoValue" } } => Outcomes.Absent,
            IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: PseudoParameters.AccountIdName or PseudoParameters.PartitionName } reference } => Pseudo(reference.Value),
            IntrinsicTerm.Function { Name: "Fn::Sub" } sub => Substitute(sub.Argument),
            IntrinsicTerm.Function { Name: "Fn::Join", Argument: IntrinsicTerm.List { Items: [var delimiter, var list] } } => Join(StringsOf(delimiter), ListsOf(list)),
            IntrinsicTerm.Function { Name: "Fn::Select", Argument: IntrinsicTerm.List { Items: [var index, var list] } } => Select(index, list),
            IntrinsicTerm.Function { Name: "Fn::If", Argument: IntrinsicTerm.List { Items: [_, var whenTrue, var whenFalse] } } => Either(StringsOf(whenTrue), StringsOf(whenFalse)),
            _ => Outcomes.Unknown,
        };

        /// <summary>What an <c>Fn::Join</c> may give: each list it may join by each delimiter it may have.</summary>
        private Outcomes Join(Outcomes delimiters, ListOutcomes lists) =>
            new(Distinct(delimiters.Known.SelectMany(delimiter => lists.Known.Select(items => string.Join(delimiter, items))), out var cut), false,
                delimiters.Complete && !delimiters.MayBeAbsent && lists.Complete && !cut);

        /// <summary>What an <c>Fn::If</c> may give: what either branch may.</summary>
        private Outcomes Either(Outcomes first, Outcomes second) =>
            new(Distinct(first.Known.Concat(second.Known), out var cut), first.MayBeAbsent || second.MayBeAbsent, first.Complete && second.Complete && !cut);

        /// <summary>
        /// The lists a value may be: written out (an item that may be <c>AWS::NoValue</c> is there or taken
        /// out), an <c>Fn::Split</c> of a string, or an <c>Fn::If</c> of lists.
        /// </summary>
        private ListOutcomes ListsOf(IntrinsicTerm term)
        {
            if (OutOfSteps())
                return ListOutcomes.Unknown;
            switch (term)
            {
                case IntrinsicTerm.List list:
                    IReadOnlyList<IReadOnlyList<string>> lists = [[]];
                    var complete = true;
                    foreach (var item in list.Items)
                    {
                        var outcomes = StringsOf(item);
                        if (outcomes is { Known.Count: 0, MayBeAbsent: false })
                            return ListOutcomes.Unknown;
                        complete &= outcomes.Complete;
                        var next = new List<IReadOnlyList<string>>();
                        foreach (var before in lists)
                        {
                            if (outcomes.MayBeAbsent)
                                next.Add(before);
                            foreach (var value in outcomes.Known)
                                next.Add([.. before, value]);
                        }
                        lists = DistinctLists(next);
                        if (lists.Count > MaxOutcomes)
                        {
                            Exceeded = true;
                            return ListOutcomes.Unknown;
                        }
                    }
                    return new ListOutcomes(lists, complete);
                case IntrinsicTerm.Function { Name: "Fn::Split", Argument: IntrinsicTerm.List { Items: [var delimiter, var source] } }:
                    var (delimiters, strings) = (StringsOf(delimiter), StringsOf(source));
                    var split = DistinctLists(delimiters.Known.Where(d => d.Length > 0).SelectMany(d => strings.Known.Select(whole => (IReadOnlyList<string>)whole.Split(d))));
                    if (split.Count > MaxOutcomes)
                    {
                        Exceeded = true;
                        return ListOutcomes.Unknown;
                    }
                    return new ListOutcomes(split, delimiters.Complete && !delimiters.MayBeAbsent && !delimiters.Known.Contains("") && strings.Complete && !strings.MayBeAbsent);
                case IntrinsicTerm.Function { Name: "Fn::If", Argument: IntrinsicTerm.List { Items: [_, var whenTrue, var whenFalse] } }:
                    var (first, second) = (ListsOf(whenTrue), ListsOf(whenFalse));
                    var either = DistinctLists([.. first.Known, .. second.Known]);
                    if (either.Count > MaxOutcomes)
                    {
                        Exceeded = true;
                        return ListOutcomes.Unknown;
                    }
                    return new ListOutcomes(either, first.Complete && second.Complete);
                default:
                    return ListOutcomes.Unknown;
            }
        }

        /// <summary>
        /// What an <c>Fn::Select</c> may give, for each index it may have; with an index the template alone
        /// does not decide (a parameter, a number some reader reads otherwise), whatever any item may give.
        /// </summary>
        private Outcomes Select(IntrinsicTerm index, IntrinsicTerm list)
        {
            var indexes = StringsOf(index);
            var found = new Outcomes([], false, indexes.Complete && !indexes.MayBeAbsent);
            foreach (var written in indexes.Known)
            {
                if (!IsDecimal(written) || !int.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var at))
                    return AnyItem(list);
                found = Either(found, Selected(list, at));
            }
            // An index that may be one the template does not decide may select any item.
            return indexes.Known.Count == 0 || !indexes.Complete ? Either(found, AnyItem(list)) : found;
        }

        /// <summary>What any item of a list may give (none of it complete: which one is not known).</summary>
        private Outcomes AnyItem(IntrinsicTerm list)
        {
            var found = Outcomes.Unknown;
            if (list is IntrinsicTerm.List written)
            {
                foreach (var item in written.Items)
                    found = Either(found, StringsOf(item));
            }
            else
            {
                foreach (var items in ListsOf(list).Known)
                    found = Either(found, new Outcomes(items, false, false));
            }
            return found with { MayBeAbsent = false, Complete = false };
        }

        /// <summary>
        /// What the item at <paramref name="at"/> may be. In a list written out only the items up to it need
        /// be known, and those before it only as being there or not: a string or a function that gives one
        /// is one item, <c>AWS::NoValue</c> none, an <c>Fn::If</c> that may give <c>AWS::NoValue</c> one or
        /// none (each place it leaves is followed), but anything that may be a list (a parameter, an
        /// attribute) makes the places after it unknown.
        /// </summary>
        private Outcomes Selected(IntrinsicTerm list, int at)
        {
            if (list is not IntrinsicTerm.List written)
            {
                var lists = ListsOf(list);
                var fromLists = new Outcomes([], false, lists.Complete);
                foreach (var items in lists.Known)
                    fromLists = Either(fromLists, at < items.Count ? Outcomes.Of(items[at]) : Outcomes.Unknown);
                return lists.Known.Count == 0 ? Outcomes.Unknown : fromLists;
            }
            // The places the next item may take, as the items before it were there or not.
            var places = new SortedSet<int> { 0 };
            var found = new Outcomes([], false, true);
            foreach (var item in written.Items)
            {
                if (places.Count == 0 || places.Min > at)
                    return found;
                if (item is IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: "AWS::NoValue" } })
                    continue;
                var outcomes = StringsOf(item);
                if (places.Contains(at))
                    found = Either(found, outcomes with { MayBeAbsent = false, Complete = outcomes.Complete && !outcomes.MayBeAbsent });
                var present = IsOneItem(item) || (outcomes.Known.Count > 0 && outcomes.Complete);
                if (!present)
                    return found with { Complete = false };
                var next = new SortedSet<int>(places.Select(place => place + 1));
                if (outcomes.MayBeAbsent)
                    next.UnionWith(places);
                places = next;
            }
            // Past the end for some conditions: CloudFormation refuses the template then.
            return places.Contains(at) || places.Min <= at ? found with { Complete = false } : found;
        }

        /// <summary>
        /// What <c>Fn::Sub</c> may give: its string with every <c>${Name}</c> replaced by what its variables
        /// give it, and <c>${!Text}</c> written as <c>${Text}</c>. A name its map does not give (a parameter,
        /// a resource, a pseudo parameter) gives no known string.
        /// </summary>
        private Outcomes Substitute(IntrinsicTerm argument)
        {
            var (text, variables) = argument switch
            {
                IntrinsicTerm.Text plain => (plain.Value, (IntrinsicTerm.Map?)null),
                IntrinsicTerm.List { Items: [IntrinsicTerm.Text plain, IntrinsicTerm.Map map] } => (plain.Value, map),
                _ => ((string?)null, null),
            };
            if (text is null)
                return Outcomes.Unknown;
            IReadOnlyList<string> results = [""];
            var complete = true;
            var literal = new StringBuilder(text.Length);
            var rest = text.AsSpan();
            while (rest.IndexOf("${", StringComparison.Ordinal) is var open and >= 0)
            {
                literal.Append(rest[..open]);
                rest = rest[(open + 2)..];
                if (rest.StartsWith("!"))
                {
                    literal.Append("${");
                    rest = rest[1..];
                    continue;
                }
                var close = rest.IndexOf('}');
                if (close < 0)
                    return Outcomes.Unknown;
                var given = Variable(variables, rest[..close].ToString());
                if (given.Known.Count == 0)
                    return Outcomes.Unknown;
                complete &= given.Complete && !given.MayBeAbsent;
                var prefix = literal.ToString();
                literal.Clear();
                results = Distinct(results.SelectMany(before => given.Known.Select(value => before + prefix + value)), out var cut);
                complete &= !cut;
                rest = rest[(close + 1)..];
            }
            var tail = literal.Append(rest).ToString();
            return new Outcomes([.. results.Select(before => before + tail)], false, complete);
        }

        /// <summary>
        /// What a variable of the map is given. Only a name of letters, digits and underscores: CloudFormation
        /// may trim a name or let a pseudo parameter (<c>AWS::Region</c>) or an attribute (<c>Res.Arn</c>)
        /// win over the map. A name given twice may be given either value: readers disagree about which counts.
        /// </summary>
        private Outcomes Variable(IntrinsicTerm.Map? variables, string name)
        {
            if (name.Trim(' ') is PseudoParameters.AccountIdName or PseudoParameters.PartitionName)
                return PseudoVariable(variables, name);
            if (variables is null || name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                return Outcomes.Unknown;
            // Given twice (a merge key too): either may count, so each may be given, and neither always is.
            var found = new Outcomes([], false, true);
            var given = 0;
            foreach (var (key, value) in variables.Members)
            {
                if (key != name)
                    continue;
                given++;
                found = Either(found, StringsOf(value));
            }
            return given == 0 ? Outcomes.Unknown : given == 1 ? found : found with { Complete = false };
        }

        /// <summary>
        /// What <c>AWS::AccountId</c> or <c>AWS::Partition</c> gives: the value the deployment is known to
        /// give it; for an account not known, each account it may be (<see cref="PseudoParameters.PossibleAccounts"/>),
        /// none of them always.
        /// </summary>
        private Outcomes Pseudo(string name) =>
            deployment is null ? Outcomes.Unknown
            : deployment.ValueOf(name) is { } value ? Outcomes.Of(value)
            : name == PseudoParameters.AccountIdName && deployment.PossibleAccounts.Count > 0 ? new Outcomes(deployment.PossibleAccounts, false, false)
            : Outcomes.Unknown;

        /// <summary>
        /// What <c>${AWS::AccountId}</c> is given (<see cref="Pseudo"/>). A name written with spaces may be
        /// trimmed by CloudFormation or left as text (a policy ARN no account has), and a map that also
        /// gives the name may win: the value is then one the variable may be given, not the one it always is.
        /// </summary>
        private Outcomes PseudoVariable(IntrinsicTerm.Map? variables, string name)
        {
            var found = Pseudo(name.Trim(' '));
            var alone = name == name.Trim(' ');
            if (variables is not null)
            {
                foreach (var (key, value) in variables.Members)
                {
                    if (key.Trim(' ') != name.Trim(' '))
                        continue;
                    alone = false;
                    found = Either(found, StringsOf(value));
                }
            }
            return alone ? found : found with { Complete = false };
        }

        /// <summary>The first <see cref="MaxOutcomes"/> distinct strings; past them the evaluation has exceeded its limits (<paramref name="cut"/>).</summary>
        private IReadOnlyList<string> Distinct(IEnumerable<string> values, out bool cut)
        {
            var kept = new List<string>();
            cut = false;
            foreach (var value in values)
            {
                if (kept.Contains(value))
                    continue;
                if (kept.Count == MaxOutcomes)
                {
                    cut = true;
                    Exceeded = true;
                    break;
                }
                kept.Add(value);
            }
            return kept;
        }

        /// <summary>The lists, each once (the item lists of a join over optional items repeat).</summary>
        private static List<IReadOnlyList<string>> DistinctLists(IEnumerable<IReadOnlyList<string>> lists)
        {
            var kept = new List<IReadOnlyList<string>>();
            foreach (var list in lists)
            {
                if (!kept.Any(k => k.SequenceEqual(list)))
                    kept.Add(list);
            }
            return kept;
        }
    }

    /// <summary>
    /// A value that is one item of a list whatever the deployment: a string, a number, or a well-formed
    /// function that always gives one string, or a pseudo parameter that is a string. Not another <c>Ref</c> (a parameter may be a list),
    /// <c>Fn::GetAtt</c> or <c>Fn::FindInMap</c> (they may give lists), nor <c>Fn::If</c> (it may give
    /// <c>AWS::NoValue</c>).
    /// </summary>
    private static bool IsOneItem(IntrinsicTerm term) => term switch
    {
        IntrinsicTerm.Text or IntrinsicTerm.Number => true,
        IntrinsicTerm.Function { Name: "Fn::Sub", Argument: IntrinsicTerm.Text or IntrinsicTerm.List { Items: [IntrinsicTerm.Text, IntrinsicTerm.Map] } } => true,
        IntrinsicTerm.Function { Name: "Fn::Join", Argument: IntrinsicTerm.List { Items: [IntrinsicTerm.Text, _] } } => true,
        IntrinsicTerm.Function { Name: "Fn::Base64", Argument: not IntrinsicTerm.List and not IntrinsicTerm.Map } => true,
        // The pseudo parameters that are strings, whatever the deployment (AWS::NotificationARNs is a list).
        IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: PseudoParameters.AccountIdName or PseudoParameters.PartitionName or "AWS::Region" or "AWS::URLSuffix" or "AWS::StackName" or "AWS::StackId" } } => true,
        _ => false,
    };

    /// <summary>Digits without a leading zero (or "0"): a number every reader gives the same value.</summary>
    private static bool IsDecimal(string text) => text is "0" || (text.Length > 0 && text[0] != '0' && text.All(char.IsAsciiDigit));
}
