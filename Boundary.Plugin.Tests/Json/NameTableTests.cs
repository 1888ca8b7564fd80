using System.Text;
using Boundary.Json;

namespace Boundary.Tests.Json;

/// <summary>
/// The table every JSON read on a thread shares for member names and type strings: a hit must be
/// exactly the bytes asked for, whatever a file read earlier put in the slot.
/// </summary>
[Category("Unit")]
public class NameTableTests
{
    [Test]
    public void A_name_seen_before_comes_back_as_the_same_string()
    {
        var table = new NameTable();
        var first = table.Get("Properties"u8);

        table.Get("Properties"u8).Should().BeSameAs(first);
    }

    [Test]
    public void Names_that_share_a_slot_are_each_read_as_written()
    {
        // More names of one length than the table has slots: some must share one, whatever the hash.
        var table = new NameTable();
        var names = Enumerable.Range(0, 2000).Select(i => $"N{i:D5}").ToList();

        foreach (var name in names.Concat(names).Concat(Enumerable.Reverse(names)))
            table.Get(Encoding.ASCII.GetBytes(name)).Should().Be(name);
    }

    [Test]
    public void Names_that_are_not_ASCII_are_decoded_and_never_answer_for_others()
    {
        var table = new NameTable();
        var name = Encoding.UTF8.GetBytes("Rôle");

        table.Get(name).Should().Be("Rôle");
        table.Get(name).Should().Be("Rôle");
        table.Get("Role"u8).Should().Be("Role");
        table.Get(Encoding.UTF8.GetBytes(new string('é', 40))).Should().Be(new string('é', 40));
    }

    [Test]
    public void Names_longer_than_the_table_keeps_are_read_as_written()
    {
        var table = new NameTable();
        var name = new string('N', 65);

        table.Get(Encoding.ASCII.GetBytes(name)).Should().Be(name);
        table.Get(Encoding.ASCII.GetBytes(name)).Should().Be(name);
    }
}
