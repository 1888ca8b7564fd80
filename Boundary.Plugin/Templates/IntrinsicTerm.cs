namespace Boundary.Templates;

/// <summary>
/// A boundary value as <see cref="ConstantIntrinsic"/> reads it, the same for JSON and YAML: a string, a
/// number, a list, a mapping, an intrinsic function with its argument (long form or YAML short form
/// alike), or something else. Built by each template format from its own nodes, to a bounded size.
/// </summary>
public abstract record IntrinsicTerm
{
    private IntrinsicTerm()
    {
    }

    /// <summary>A string (JSON string, or YAML scalar that is a string).</summary>
    public sealed record Text(string Value) : IntrinsicTerm;

    /// <summary>A number, as written: only an index of <c>Fn::Select</c> reads it.</summary>
    public sealed record Number(string Value) : IntrinsicTerm;

    public sealed record List(IReadOnlyList<IntrinsicTerm> Items) : IntrinsicTerm;

    /// <summary>A mapping that is not an intrinsic, its members as written (a name may repeat): only the variables of <c>Fn::Sub</c> read it.</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, IntrinsicTerm>> Members) : IntrinsicTerm;

    /// <summary>An intrinsic function: <paramref name="Name"/> in long form (<c>Fn::Sub</c>, <c>Ref</c>), whichever form was written.</summary>
    public sealed record Function(string Name, IntrinsicTerm Argument) : IntrinsicTerm;

    /// <summary>Anything else: null, a boolean, a value too large or too deep to read, a YAML tag of no function.</summary>
    public sealed record Other : IntrinsicTerm
    {
        public static readonly Other Instance = new();
    }

    /// <summary>How many terms a value may make before the rest are <see cref="Other"/>: no boundary a person writes comes near it, and aliases cannot make a small file a huge tree.</summary>
    public const int MaxTerms = 4096;

    /// <summary>How deep terms nest before the rest are <see cref="Other"/>.</summary>
    public const int MaxDepth = 32;
}
