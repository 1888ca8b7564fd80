namespace Boundary.Organizations;

/// <summary>
/// One test of a statement's Condition block: <c>"Operator": {"Key": value-or-list}</c>. Keys compare
/// case-insensitively (as IAM does); the operator keeps its spelling for messages.
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>The operator without <c>IfExists</c> and without a <c>ForAllValues:</c>/<c>ForAnyValue:</c> qualifier.</summary>
    public string BaseOperator
    {
        get
        {
            var op = Operator;
            var colon = op.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
                op = op[(colon + 1)..];
            return op.EndsWith("IfExists", StringComparison.Ordinal) ? op[..^"IfExists".Length] : op;
        }
    }

    /// <summary>A set operator (<c>ForAllValues:</c>, <c>ForAnyValue:</c>): not modelled for single-valued keys.</summary>
    public bool IsQualified => Operator.Contains(':', StringComparison.Ordinal);

    public bool IsKey(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    public override string ToString() =>
        $"{Operator} {Key} {(Values.Count == 1 ? Values[0] : "[" + string.Join(", ", Values) + "]")}";
}
