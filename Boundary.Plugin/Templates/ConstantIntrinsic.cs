using System.Globalization;
using System.Text;

namespace Boundary.Templates;

/// <summary>
/// The one string an intrinsic function gives whatever the parameters, conditions and resources, when it
/// gives one: an <c>Fn::Sub</c> without variables (or only variables it is given as such strings), an
/// <c>Fn::Join</c> of such strings, an <c>Fn::Select</c> from such a list, an <c>Fn::If</c> whose two
/// branches give the same string, an <c>Fn::Split</c> of such a string as a list. Anything that depends
/// on the deployment (<c>Ref</c>, <c>Fn::GetAtt</c>, pseudo parameters, conditions that choose between
/// different values) gives no constant. A boundary written so is judged by its value, as a literal
/// would be: another env's boundary behind an <c>Fn::Sub</c> is still another env's boundary.
/// </summary>
public static class ConstantIntrinsic
{
    /// <summary>The string <paramref name="term"/> always gives, or null.</summary>
    public static string? Evaluate(IntrinsicTerm term) => term is IntrinsicTerm.Function ? StringOf(term) : null;

    /// <summary>
    /// The strings <paramref name="term"/> may give, each under some conditions: through its
    /// <c>Fn::If</c>s (nested ones too), each branch's string when it always gives one. Empty when there
    /// is none; the one string <see cref="Evaluate"/> gives, when there is one.
    /// </summary>
    public static IReadOnlyList<string> Choices(IntrinsicTerm term)
    {
        if (term is not IntrinsicTerm.Function)
            return [];
        var found = new List<string>();
        AddChoices(term, found);
        return found;
    }

    private static void AddChoices(IntrinsicTerm term, List<string> found)
    {
        if (StringOf(term) is { } value)
        {
            if (!found.Contains(value))
                found.Add(value);
        }
        else if (term is IntrinsicTerm.Function { Name: "Fn::If", Argument: IntrinsicTerm.List { Items: [_, var whenTrue, var whenFalse] } })
        {
            AddChoices(whenTrue, found);
            AddChoices(whenFalse, found);
        }
    }

    private static string? StringOf(IntrinsicTerm term) => term switch
    {
        IntrinsicTerm.Text text => text.Value,
        // A number in a list is its digits; one that a reader could give another value (0x1F, 012) is not read.
        IntrinsicTerm.Number number when IsDecimal(number.Value) => number.Value,
        IntrinsicTerm.Function { Name: "Fn::Sub" } sub => Substitute(sub.Argument),
        IntrinsicTerm.Function { Name: "Fn::Join", Argument: IntrinsicTerm.List { Items: [IntrinsicTerm.Text delimiter, var list] } } =>
            ListOf(list) is { } items ? string.Join(delimiter.Value, items) : null,
        IntrinsicTerm.Function { Name: "Fn::Select", Argument: IntrinsicTerm.List { Items: [var index, var list] } } =>
            IndexOf(index) is { } at ? Selected(list, at) : null,
        IntrinsicTerm.Function { Name: "Fn::If", Argument: IntrinsicTerm.List { Items: [_, var whenTrue, var whenFalse] } } =>
            StringOf(whenTrue) is { } first && StringOf(whenFalse) is { } second && first == second ? first : null,
        _ => null,
    };

    /// <summary>The strings a list always holds: written out (an <c>AWS::NoValue</c> item is taken out), an <c>Fn::Split</c>, or an <c>Fn::If</c> of two equal lists.</summary>
    private static IReadOnlyList<string>? ListOf(IntrinsicTerm term)
    {
        switch (term)
        {
            case IntrinsicTerm.List list:
                var items = new List<string>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    if (item is IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: "AWS::NoValue" } })
                        continue;
                    if (StringOf(item) is not { } value)
                        return null;
                    items.Add(value);
                }
                return items;
            case IntrinsicTerm.Function { Name: "Fn::Split", Argument: IntrinsicTerm.List { Items: [IntrinsicTerm.Text { Value.Length: > 0 } delimiter, var source] } }:
                return StringOf(source) is { } whole ? whole.Split(delimiter.Value) : null;
            case IntrinsicTerm.Function { Name: "Fn::If", Argument: IntrinsicTerm.List { Items: [_, var whenTrue, var whenFalse] } }:
                return ListOf(whenTrue) is { } first && ListOf(whenFalse) is { } second && first.SequenceEqual(second) ? first : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The string at <paramref name="at"/> of a list. In a list written out only the items up to it need
    /// be known, and only as being there: a parameter's value before it does not move it, an
    /// <c>AWS::NoValue</c> is taken out, but an <c>Fn::If</c> (which may give <c>AWS::NoValue</c>) or
    /// anything that may be a list makes the place unknown.
    /// </summary>
    private static string? Selected(IntrinsicTerm list, int at)
    {
        if (list is not IntrinsicTerm.List written)
            return ListOf(list) is { } items && at < items.Count ? items[at] : null;
        var place = 0;
        foreach (var item in written.Items)
        {
            if (item is IntrinsicTerm.Function { Name: "Ref", Argument: IntrinsicTerm.Text { Value: "AWS::NoValue" } })
                continue;
            if (place == at)
                return StringOf(item);
            if (!IsOneItem(item))
                return null;
            place++;
        }
        return null;
    }

    /// <summary>
    /// A value that is one item of a list whatever the deployment: a string, a number, or a function that
    /// always gives one string. Not a <c>Ref</c> (a parameter may be a list), <c>Fn::GetAtt</c> or
    /// <c>Fn::FindInMap</c> (they may give lists), nor <c>Fn::If</c> (it may give <c>AWS::NoValue</c>).
    /// </summary>
    private static bool IsOneItem(IntrinsicTerm term) =>
        term is IntrinsicTerm.Text or IntrinsicTerm.Number or IntrinsicTerm.Function { Name: "Fn::Sub" or "Fn::Join" or "Fn::Base64" };

    private static int? IndexOf(IntrinsicTerm term) =>
        StringOf(term) is { } written && IsDecimal(written) && int.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>Digits without a leading zero (or "0"): a number every reader gives the same value.</summary>
    private static bool IsDecimal(string text) => text is "0" || (text.Length > 0 && text[0] != '0' && text.All(char.IsAsciiDigit));

    /// <summary>
    /// <c>Fn::Sub</c>'s string with every <c>${Name}</c> replaced by the string its variables give it, and
    /// <c>${!Text}</c> written as <c>${Text}</c>; null when a name is not given (a parameter, a resource, a
    /// pseudo parameter) or given something that is not one string.
    /// </summary>
    private static string? Substitute(IntrinsicTerm argument)
    {
        var (text, variables) = argument switch
        {
            IntrinsicTerm.Text plain => (plain.Value, (IntrinsicTerm.Map?)null),
            IntrinsicTerm.List { Items: [IntrinsicTerm.Text plain, IntrinsicTerm.Map map] } => (plain.Value, map),
            _ => ((string?)null, null),
        };
        if (text is null)
            return null;
        var result = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (rest.IndexOf("${", StringComparison.Ordinal) is var open and >= 0)
        {
            result.Append(rest[..open]);
            rest = rest[(open + 2)..];
            if (rest.StartsWith("!"))
            {
                result.Append("${");
                rest = rest[1..];
                continue;
            }
            var close = rest.IndexOf('}');
            if (close < 0 || Variable(variables, rest[..close].ToString()) is not { } value)
                return null;
            result.Append(value);
            rest = rest[(close + 1)..];
        }
        return result.Append(rest).ToString();
    }

    /// <summary>
    /// The string a variable of the map is given. Only a name of letters, digits and underscores, given
    /// once: CloudFormation may trim a name or let a pseudo parameter (<c>AWS::Region</c>) or an attribute
    /// (<c>Res.Arn</c>) win over the map, and readers disagree about which of two equal keys counts.
    /// </summary>
    private static string? Variable(IntrinsicTerm.Map? variables, string name)
    {
        if (variables is null || name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return null;
        string? found = null;
        var given = 0;
        foreach (var (key, value) in variables.Members)
        {
            if (key != name)
                continue;
            given++;
            found = StringOf(value);
        }
        return given == 1 ? found : null;
    }
}
