using Boundary.Core;
using Boundary.Text;

namespace Boundary.Amplify;

/// <summary>
/// A managed policy ARN that may serve as a permissions boundary. The host's own check
/// (<c>^(|arn:aws:iam::(\d{12}|aws):policy/.+)$</c>) rejects the China, GovCloud and ISO partitions
/// and accepts names IAM refuses; this one follows IAM's rules instead.
/// </summary>
public sealed record PolicyArn(string Partition, string Account, string Path, string Name)
{
    public static readonly IReadOnlyList<string> Partitions =
        ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    public const string Example = "arn:aws:iam::123456789012:policy/MyBoundary";

    public const string Rule =
        "expected arn:<partition>:iam::<12-digit account or 'aws'>:policy/<optional/path/><name>, " +
        "where the partition is one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc; " +
        "the name is 1-128 of A-Z a-z 0-9 + = , . @ _ -; the path is '/' or '/segments/' of printable ASCII, at most 512 characters";

    /// <summary>True for AWS-managed policies, which every account can use.</summary>
    public bool IsAwsManaged => Account == "aws";

    public override string ToString() => $"arn:{Partition}:iam::{Account}:policy{Path}{Name}";

    /// <summary>
    /// The one check every ARN goes through, whatever its source (a flag, team-provider-info,
    /// amplify-meta, the ownership file, the journal). Written out by hand over ASCII only: .NET's
    /// <c>\d</c> matches any Unicode digit and <c>$</c> matches before a final line break, so a regex
    /// would let <c>١٢٣...</c> or <c>"...policy/x\n"</c> through.
    /// </summary>
    public static bool TryParse(string? text, out PolicyArn? arn, out string? problem)
    {
        arn = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "the ARN is empty";
            return false;
        }
        if (!SplitShape(text, out var partition, out var account, out var resource))
        {
            problem = "it does not have the shape of an IAM policy ARN";
            return false;
        }
        if (!Partitions.Contains(partition, StringComparer.Ordinal))
        {
            problem = $"'{Printable.Of(partition)}' is not an AWS partition";
            return false;
        }
        if (account != "aws" && !IsAccountId(account))
        {
            problem = $"the account '{Printable.Of(account)}' is neither 12 digits (0-9) nor 'aws'";
            return false;
        }
        var lastSlash = resource.LastIndexOf('/'); // resource starts with '/'
        var path = resource[..(lastSlash + 1)];
        var name = resource[(lastSlash + 1)..];
        if (name.Length is 0 or > 128 || !IsPolicyName(name))
        {
            problem = name.Length == 0
                ? "the policy name is missing"
                : $"the policy name '{Printable.Of(name)}' must be 1-128 characters of A-Z a-z 0-9 + = , . @ _ -";
            return false;
        }
        if (path.Length > 512 || !IsPolicyPath(path))
        {
            problem = $"the policy path '{Printable.Of(path)}' must be '/' or '/segments/' of printable ASCII, at most 512 characters";
            return false;
        }
        arn = new PolicyArn(partition, account, path, name);
        return true;
    }

    /// <summary><c>arn:PARTITION:iam::ACCOUNT:policy/RESOURCE</c>, partition and account without ':'.</summary>
    private static bool SplitShape(string text, out string partition, out string account, out string resource)
    {
        partition = account = resource = "";
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
            return false;
        var partitionEnd = text.IndexOf(':', 4);
        if (partitionEnd < 0 || string.CompareOrdinal(text, partitionEnd, ":iam::", 0, 6) != 0)
            return false;
        var accountStart = partitionEnd + 6;
        var accountEnd = text.IndexOf(':', accountStart);
        if (accountEnd < 0 || string.CompareOrdinal(text, accountEnd, ":policy/", 0, 8) != 0)
            return false;
        partition = text[4..partitionEnd];
        account = text[accountStart..accountEnd];
        resource = text[(accountEnd + 7)..];
        return true;
    }

    private static bool IsAccountId(string account)
    {
        if (account.Length != 12)
            return false;
        foreach (var c in account)
            if (c is < '0' or > '9')
                return false;
        return true;
    }

    private static bool IsPolicyName(string name)
    {
        foreach (var c in name)
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '=' or ',' or '.' or '@' or '_' or '-'))
                return false;
        return true;
    }

    /// <summary>'/' or '/segments/' of printable ASCII (U+0021-U+007E): IAM's pattern, which '//' does not match (no character between).</summary>
    private static bool IsPolicyPath(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path[^1] != '/' || path == "//")
            return false;
        foreach (var c in path)
            if (c is < '\u0021' or > '\u007E')
                return false;
        return true;
    }

    /// <summary>A value quoted in a message: control and non-ASCII characters as \uXXXX, so a message stays one line.</summary>
    /// <summary>
    /// Parses an ARN read from a file (team-provider-info, amplify-meta, the ownership file, the journal),
    /// or throws a file error (exit 3) naming where it was read and the fix.
    /// </summary>
    public static PolicyArn ParseStored(string? text, string where, string fix)
    {
        if (TryParse(text, out var arn, out var problem))
            return arn!;
        throw BoundaryException.File($"'{Printable.Of(text ?? "")}' in {where} is not a valid permissions boundary ARN: {problem}. {fix}\n  Rule: {Rule}.");
    }

    /// <summary>Parses or throws a usage error that states the rule and gives an example.</summary>
    public static PolicyArn Parse(string? text, string what = "permissions boundary")
    {
        if (TryParse(text, out var arn, out var problem))
            return arn!;
        throw BoundaryException.Usage(
            $"'{Printable.Of(text ?? "")}' is not a valid {what} ARN: {problem}.\n  Rule: {Rule}.\n  Example: {Example}");
    }
}
