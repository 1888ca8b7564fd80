using System.Text.RegularExpressions;
using Boundary.Core;

namespace Boundary.Amplify;

/// <summary>
/// A managed policy ARN that may serve as a permissions boundary. The host's own check
/// (<c>^(|arn:aws:iam::(\d{12}|aws):policy/.+)$</c>) rejects the China, GovCloud and ISO partitions
/// and accepts names IAM refuses; this one follows IAM's rules instead.
/// </summary>
public sealed partial record PolicyArn(string Partition, string Account, string Path, string Name)
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

    public static bool TryParse(string? text, out PolicyArn? arn, out string? problem)
    {
        arn = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "the ARN is empty";
            return false;
        }
        var match = Shape().Match(text);
        if (!match.Success)
        {
            problem = "it does not have the shape of an IAM policy ARN";
            return false;
        }
        var partition = match.Groups["partition"].Value;
        if (!Partitions.Contains(partition))
        {
            problem = $"'{partition}' is not an AWS partition";
            return false;
        }
        var account = match.Groups["account"].Value;
        if (account != "aws" && !AccountId().IsMatch(account))
        {
            problem = $"the account '{account}' is neither 12 digits nor 'aws'";
            return false;
        }
        var resource = match.Groups["resource"].Value; // starts with '/'
        var lastSlash = resource.LastIndexOf('/');
        var path = resource[..(lastSlash + 1)];
        var name = resource[(lastSlash + 1)..];
        if (name.Length is 0 or > 128 || !PolicyName().IsMatch(name))
        {
            problem = name.Length == 0
                ? "the policy name is missing"
                : $"the policy name '{name}' must be 1-128 characters of A-Z a-z 0-9 + = , . @ _ -";
            return false;
        }
        if (path.Length > 512 || !PolicyPath().IsMatch(path))
        {
            problem = $"the policy path '{path}' must be '/' or '/segments/' of printable ASCII, at most 512 characters";
            return false;
        }
        arn = new PolicyArn(partition, account, path, name);
        return true;
    }

    /// <summary>Parses or throws a usage error that states the rule and gives an example.</summary>
    public static PolicyArn Parse(string? text, string what = "permissions boundary")
    {
        if (TryParse(text, out var arn, out var problem))
            return arn!;
        throw BoundaryException.Usage(
            $"'{text}' is not a valid {what} ARN: {problem}.\n  Rule: {Rule}.\n  Example: {Example}");
    }

    [GeneratedRegex(@"^arn:(?<partition>[^:]*):iam::(?<account>[^:]*):policy(?<resource>/.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyPath();
}
