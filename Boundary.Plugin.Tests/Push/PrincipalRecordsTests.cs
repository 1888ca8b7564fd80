using Boundary.Push;
using Boundary.Templates;

namespace Boundary.Tests.Push;

[Category("Unit")]
public class PrincipalRecordsTests
{
    private static PrincipalOutcome Outcome(string id, string type, int line, BoundaryKind kind, string? value, PrincipalAction action, string? note = null) =>
        new(new TemplateResource(id, type, line * 10, line, line + 2, kind, value, HasProperties: true), action, note);

    private static readonly PrincipalOutcome[] Outcomes =
    [
        Outcome("RoleA", TemplateResource.Role, 3, BoundaryKind.None, null, PrincipalAction.Injected),
        Outcome("", TemplateResource.Role, 9, BoundaryKind.Literal, "arn:aws:iam::111111111111:policy/Prod", PrincipalAction.Updated, "another env's boundary"),
        Outcome("Fn\u00e9\u0001\ud83d\ude00", TemplateResource.SamFunction, 20, BoundaryKind.Intrinsic, "arn:aws:iam::111111111111:policy/Prod", PrincipalAction.Kept),
        Outcome("User1", TemplateResource.User, 31, BoundaryKind.None, null, PrincipalAction.Skipped),
        Outcome("RoleB", TemplateResource.Role, 40, BoundaryKind.Literal, "arn:aws:iam::222222222222:policy/Dev", PrincipalAction.Kept, "another env's boundary"),
    ];

    [Test]
    public void Each_principal_reads_back_as_its_outcome_said_in_order()
    {
        var records = PrincipalRecords.Of(Outcomes);

        records.Should().HaveCount(Outcomes.Length);
        for (var i = 0; i < Outcomes.Length; i++)
        {
            var (resource, action, note) = Outcomes[i];
            var expected = new PrincipalReport(resource.LogicalId, resource.Type, resource.Line, resource.Column, action, note)
            {
                Boundary = resource.Boundary,
                BoundaryValue = resource.BoundaryValue,
            };
            records[i].Should().Be(expected);
        }
        records.Select(r => r.LogicalId).Should().Equal(Outcomes.Select(o => o.Resource.LogicalId));
    }

    [Test]
    public void Counts_by_action_match_the_outcomes()
    {
        var records = PrincipalRecords.Of(Outcomes);

        foreach (var action in Enum.GetValues<PrincipalAction>())
            records.CountOf(action).Should().Be(Outcomes.Count(o => o.Action == action), action.ToString());
    }

    [Test]
    public void A_template_without_principals_has_no_records()
    {
        var records = PrincipalRecords.Of([]);

        records.Should().BeEmpty();
        records.CountOf(PrincipalAction.Injected).Should().Be(0);
    }

    [Test]
    public void An_index_outside_the_records_is_refused()
    {
        var records = PrincipalRecords.Of(Outcomes);

        ((Func<PrincipalReport>)(() => records[-1])).Should().Throw<ArgumentOutOfRangeException>();
        ((Func<PrincipalReport>)(() => records[Outcomes.Length])).Should().Throw<ArgumentOutOfRangeException>();
    }
}
