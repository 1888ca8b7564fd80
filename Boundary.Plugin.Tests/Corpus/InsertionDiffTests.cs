using System.Text;

namespace Boundary.Tests.Corpus;

/// <summary>The corpus suite's diff check must accept boundary insertions and nothing else.</summary>
[Category("Unit")]
public class InsertionDiffTests
{
    private const string Original = "{\n  \"Resources\": {\n    \"Role\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"Path\": \"/\"\n      }\n    }\n  }\n}";

    private static InsertionDiff.Result Check(string original, string changed) =>
        InsertionDiff.Check(Encoding.UTF8.GetBytes(original), Encoding.UTF8.GetBytes(changed));

    [Test]
    public void An_added_boundary_line_is_one_insertion_with_one_boundary()
    {
        var changed = Original.Replace("\"Properties\": {\n", "\"Properties\": {\n        \"PermissionsBoundary\": \"arn:aws:iam::123456789012:policy/B\",\n");
        var result = Check(Original, changed);
        result.Problems.Should().BeEmpty();
        (result.Insertions, result.Boundaries).Should().Be((1, 1));
    }

    [Test]
    public void A_boundary_inserted_inside_a_line_counts_as_an_entry()
    {
        var original = "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"Path\":\"/\"}}}}";
        var changed = original.Replace("\"Properties\":{", "\"Properties\":{\"PermissionsBoundary\":\"arn:aws:iam::1:policy/B\",");
        var result = Check(original, changed);
        result.Problems.Should().BeEmpty();
        result.Boundaries.Should().Be(1);
    }

    [Test]
    public void A_changed_original_line_is_reported()
    {
        var changed = Original.Replace("\"Path\": \"/\"", "\"Path\": \"*\"");
        Check(Original, changed).Problems.Should().ContainSingle().Which.Should().Contain("removes or rewrites");
    }

    [Test]
    public void Text_inserted_without_a_boundary_is_reported()
    {
        var changed = Original.Replace("\"Path\": \"/\"", "\"Path\": \"/x/\"");
        Check(Original, changed).Problems.Should().ContainSingle().Which.Should().Contain("inserted text without PermissionsBoundary");
    }

    [Test]
    public void An_added_line_without_a_boundary_is_reported()
    {
        var changed = Original.Replace("\"Properties\": {\n", "\"Properties\": {\n        \"PermissionsBoundary\": \"arn:aws:iam::1:policy/B\",\n        \"MaxSessionDuration\": 3600,\n");
        Check(Original, changed).Problems.Should().ContainSingle().Which.Should().Contain("MaxSessionDuration");
    }

    [Test]
    public void A_removed_line_is_reported()
    {
        var changed = Original.Replace("        \"Path\": \"/\"\n", "");
        Check(Original, changed).Problems.Should().ContainSingle().Which.Should().Contain("removes or rewrites");
    }

    [Test]
    public void A_line_ending_change_is_reported()
    {
        var changed = Original.Replace("\n", "\r\n");
        Check(Original, changed).Problems.Should().NotBeEmpty();
    }
}
