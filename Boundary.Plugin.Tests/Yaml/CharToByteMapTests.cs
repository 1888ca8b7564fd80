using Boundary.Text;
using System.Text;
using Boundary.Yaml;

namespace Boundary.Tests.Yaml;

[Category("Unit")]
public class CharToByteMapTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1023)]
    [TestCase(1024)]
    [TestCase(5000)]
    public void Every_index_maps_to_the_utf8_byte_count_before_it(int length) => EveryIndexMaps(length, ["a", "{", "\n", "é", "€", "😀", "日"]);

    [TestCase(0)]
    [TestCase(1024)]
    [TestCase(5000)]
    public void Every_index_of_ascii_content_maps_to_the_same_count_of_bytes(int length) => EveryIndexMaps(length, ["a", "{", "\n"]);

    private static void EveryIndexMaps(int length, string[] pieces)
    {
        var random = new Random(length);
        var builder = new StringBuilder();
        while (builder.Length < length)
            builder.Append(random.Next(4) == 0 ? pieces[random.Next(pieces.Length)] : "x");
        var text = builder.ToString();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
        var map = new CharToByteMap(new SourceText("test.yaml", bytes));
        map.Length.Should().Be(text.Length);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i > 0 && char.IsHighSurrogate(text[i - 1]))
                continue; // the middle of a pair is not a character position
            map.ToByte(i).Should().Be(3 + Encoding.UTF8.GetByteCount(text.AsSpan(0, i)), $"at index {i}");
        }
    }
}
