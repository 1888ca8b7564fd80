using System.Text;
using Boundary.Text;

namespace Boundary.Tests.Text;

[Category("Unit")]
public class PackedEditsTests
{
    private static readonly TextEdit[] Edits =
    [
        new(30, 0, "\n      PermissionsBoundary: arn"),
        new(2, 5, ""),
        new(80, 0, "\n      PermissionsBoundary: arn"),
        new(50, 3, "caf\u00e9 \ud83d\ude00"),
    ];

    [Test]
    public void Each_edit_reads_back_as_given_in_order() =>
        PackedEdits.Of(Edits).Should().Equal(Edits);

    [Test]
    public void Packed_edits_apply_as_the_list_does()
    {
        var source = Encoding.UTF8.GetBytes(new string('x', 100));

        TextEdit.Apply(source, PackedEdits.Of(Edits)).Should().Equal(TextEdit.Apply(source, Edits));
    }

    [Test]
    public void No_edits_pack_to_an_empty_list() =>
        PackedEdits.Of([]).Should().BeEmpty();

    [Test]
    public void An_index_outside_the_edits_is_refused()
    {
        var packed = PackedEdits.Of(Edits);

        ((Func<TextEdit>)(() => packed[Edits.Length])).Should().Throw<ArgumentOutOfRangeException>();
        ((Func<TextEdit>)(() => packed[-1])).Should().Throw<ArgumentOutOfRangeException>();
    }
}
