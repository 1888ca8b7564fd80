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

    [Test]
    public void Pooled_text_holds_only_its_own_bytes_after_a_larger_file_used_the_buffer()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-source-");
        try
        {
            var large = Path.Combine(folder.FullName, "large.json");
            var small = Path.Combine(folder.FullName, "small.json");
            File.WriteAllBytes(large, Encoding.UTF8.GetBytes(new string('x', 200_000) + "\n"));
            File.WriteAllBytes(small, "{\"a\": 1}"u8.ToArray());
            // Read large twice over so that every pooled buffer has held its bytes.
            for (var i = 0; i < Environment.ProcessorCount + 1; i++)
                using (SourceText.ReadPooled(large)) { }

            using var source = SourceText.ReadPooled(small);

            source.Length.Should().Be(8);
            source.Bytes.ToArray().Should().Equal("{\"a\": 1}"u8.ToArray());
            source.NextLineStart(0).Should().Be(8, "the search for a line break stops at the file's end, not the buffer's");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Pooled_text_cannot_be_read_once_given_back()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "Resources: {}\n");
            var source = SourceText.ReadPooled(path);
            source.Dispose();

            source.Invoking(s => s.Bytes.Length).Should().Throw<ObjectDisposedException>();
            source.Invoking(s => s.Position(3)).Should().Throw<ObjectDisposedException>();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Line, int Column) Counted(byte[] bytes, int bom, int offset)
    {
        var before = Encoding.UTF8.GetString(bytes, bom, offset - bom);
        var lineStart = before.LastIndexOf('\n') + 1;
        return (before.Count(c => c == '\n') + 1, before.Length - lineStart + 1);
    }
}
