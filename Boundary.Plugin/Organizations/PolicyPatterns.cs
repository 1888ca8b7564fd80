using System.Text;

namespace Boundary.Organizations;

/// <summary>
/// IAM's matching rules as this tool needs them: action patterns (case-insensitive, <c>*</c> and <c>?</c>),
/// <c>StringLike</c> (case-sensitive wildcards across the whole string), <c>ArnLike</c>/<c>ArnEquals</c>
/// (wildcards within each of the six colon-separated fields), and policy variables.
/// </summary>
public static class PolicyPatterns
{
    public static bool ActionMatches(string pattern, string action) => Glob(pattern, action, ignoreCase: true);

    /// <summary>StringLike: <c>*</c> any run of characters, <c>?</c> any one; case-sensitive.</summary>
    public static bool StringLike(string pattern, string value) => Glob(pattern, value, ignoreCase: false);

    /// <summary>ArnLike / ArnEquals: each of the six fields (the last keeps its colons) matched on its own.</summary>
    public static bool ArnLike(string pattern, string value)
    {
        var p = pattern.Split(':', 6);
        var v = value.Split(':', 6);
        if (p.Length != 6 || v.Length != 6)
            return false;
        for (var i = 0; i < 6; i++)
            if (!Glob(p[i], v[i], ignoreCase: false))
                return false;
        return true;
    }

    public static bool HasWildcard(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>
    /// Replaces the policy variables whose value is known (<paramref name="variables"/>, keys
    /// case-insensitive) and IAM's escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c>. Returns null and the first
    /// variable it cannot resolve when one remains (e.g. <c>${aws:username}</c>: not known for an account).
    /// </summary>
    public static (string? Value, string? Unresolved) Resolve(string text, IReadOnlyDictionary<string, string> variables)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
            return (text, null);
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            var end = text.IndexOf('}', start + 2);
            if (end < 0)
                return (null, text[start..]);
            result.Append(text, i, start - i);
            var name = text[(start + 2)..end].Trim();
            var comma = name.IndexOf(',', StringComparison.Ordinal);
            string? fallback = null;
            if (comma >= 0)
            {
                fallback = name[(comma + 1)..].Trim().Trim('\'');
                name = name[..comma].Trim();
            }
            switch (name)
            {
                case "*" or "?" or "$":
                    // The escaped character itself, literal (never a wildcard): kept as a marker no ARN contains.
                    result.Append(name == "$" ? "$" : name == "*" ? LiteralStar : LiteralQuestion);
                    break;
                default:
                    if (variables.TryGetValue(name, out var value))
                        result.Append(value);
                    else if (fallback is not null)
                        result.Append(fallback);
                    else
                        return (null, "${" + name + "}");
                    break;
            }
            i = end + 1;
        }
        return (result.ToString(), null);
    }

    // Private-use characters stand for an escaped literal '*' or '?' so that matching treats them as plain characters.
    internal const char LiteralStar = '\uE000';
    internal const char LiteralQuestion = '\uE001';

    /// <summary>A resolved value as a person reads it (escaped wildcards shown as the characters they stand for).</summary>
    public static string Display(string value) => value.Replace(LiteralStar, '*').Replace(LiteralQuestion, '?');

    private static bool Glob(string pattern, string value, bool ignoreCase)
    {
        // Iterative wildcard matching with backtracking to the last '*' (linear in practice, no recursion).
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(Literal(pattern[p]), value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    private static char Literal(char c) => c == LiteralStar ? '*' : c == LiteralQuestion ? '?' : c;

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
