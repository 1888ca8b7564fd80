using Boundary.Templates;
using Boundary.Verify;

namespace Boundary.Tests.Verify;

[Category("Unit")]
public class PackedVerifyResultsTests
{
    private const string Expected = "arn:aws:iam::123456789012:policy/Boundary";

    private static VerifyResult Result(string file, string id, int line, BoundaryKind kind, string? value, VerifyStatus status, VerifyRule? rule, string? level, string message) =>
        new(file, new TemplateResource(id, TemplateResource.Role, line * 7, line, line + 4, kind, value, HasProperties: line % 2 == 0), status, rule, level, message);

    private static readonly VerifyResult[] First =
    [
        Result("a.json", "Bounded1", 3, BoundaryKind.Literal, Expected, VerifyStatus.Bounded, null, null, "Bounded1 (AWS::IAM::Role) has the expected boundary."),
        Result("a.json", "", 8, BoundaryKind.None, null, VerifyStatus.Missing, VerifyRule.Missing, "error", "'' has no PermissionsBoundary."),
        Result("a.json", "Fn\u00e9\ud83d\ude00", 12, BoundaryKind.Intrinsic, null, VerifyStatus.Kept, null, null, "kept: an intrinsic \u2028 function"),
    ];

    private static readonly VerifyResult[] Second =
    [
        Result("b/c.yaml", "Other", 5, BoundaryKind.Literal, "arn:aws:iam::999999999999:policy/X", VerifyStatus.OtherAccount, VerifyRule.OtherAccount, "error", "another account"),
        Result("b/c.yaml", "Differs", 6, BoundaryKind.Literal, "arn:aws:iam::123456789012:policy/Y", VerifyStatus.Differs, VerifyRule.Differs, "warning", ""),
    ];

    [Test]
    public void Each_result_reads_back_as_judged_in_order()
    {
        var packed = PackedVerifyResults.Of(First);

        packed.Should().Equal(First);
    }

    [Test]
    public void Counts_by_status_and_level_match_the_results()
    {
        var packed = PackedVerifyResults.Of([.. First, .. Second]);

        foreach (var status in Enum.GetValues<VerifyStatus>())
            packed.CountOf(status).Should().Be(First.Concat(Second).Count(r => r.Status == status), status.ToString());
        packed.ErrorCount.Should().Be(2);
        packed.WarningCount.Should().Be(1);
    }

    [Test]
    public void The_templates_read_as_one_list_in_order_empty_ones_included()
    {
        var all = new VerifyResults([PackedVerifyResults.Of([]), PackedVerifyResults.Of(First), PackedVerifyResults.Of([]), PackedVerifyResults.Of([]), PackedVerifyResults.Of(Second), PackedVerifyResults.Of([])]);
        var expected = First.Concat(Second).ToList();

        all.Should().HaveCount(expected.Count);
        all.Should().Equal(expected);
        for (var i = 0; i < expected.Count; i++)
            all[i].Should().Be(expected[i], $"index {i}");
        all.ErrorCount.Should().Be(2);
        all.WarningCount.Should().Be(1);
        all.CountOf(VerifyStatus.Missing).Should().Be(1);
        ((Func<VerifyResult>)(() => all[expected.Count])).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void A_verify_without_templates_has_no_results()
    {
        var none = new VerifyResults([]);

        none.Should().BeEmpty();
        none.ErrorCount.Should().Be(0);
        ((Func<VerifyResult>)(() => none[0])).Should().Throw<ArgumentOutOfRangeException>();
    }
}
