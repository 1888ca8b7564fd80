using System.Text;
using Boundary.Text;

namespace Boundary.Tests.Text;

[Category("Unit")]
public class SourceTextTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Positions_asked_in_any_order_match_counting_from_the_start(bool bom)
    {
        var random = new Random(7);
        var pieces = new[] { "a", " ", "\n", "\r\n", "é", "€", "😀", "\t" };
        var text = new StringBuilder();
        while (text.Length < 3000)
            text.Append(pieces[random.Next(pieces.Length)]);
        var content = Encoding.UTF8.GetBytes(text.ToString());
        byte[] bytes = bom ? [0xEF, 0xBB, 0xBF, .. content] : content;
        var source = new SourceText("t.yaml", bytes);
        var offsets = Enumerable.Range(source.BomLength, bytes.Length - source.BomLength + 1).Where(o => o == bytes.Length || (bytes[o] & 0xC0) != 0x80).ToList();
        // In file order (the common case, served by the cursor), then shuffled (each step back starts over).
        var order = offsets.Concat(offsets.OrderBy(_ => random.Next())).ToList();

        foreach (var offset in order)
            source.Position(offset).Should().Be(Counted(bytes, source.BomLength, offset), $"at byte {offset}");
    }

    [Test]
    public void First_on_line_looks_back_only_over_blanks()
    {
        var source = new SourceText("t.json", "{\"a\": 1,\n  \"b\": 2, \"c\": 3}"u8.ToArray());

        source.IsFirstOnLine(11).Should().BeTrue();
        source.IsFirstOnLine(19).Should().BeFalse();
        source.IsFirstOnLine(0).Should().BeTrue();
    }

    private static (int Line, int Column) Counted(byte[] bytes, int bom, int offset)
    {
        var before = Encoding.UTF8.GetString(bytes, bom, offset - bom);
        var lineStart = before.LastIndexOf('\n') + 1;
        return (before.Count(c => c == '\n') + 1, before.Length - lineStart + 1);
    }
}
