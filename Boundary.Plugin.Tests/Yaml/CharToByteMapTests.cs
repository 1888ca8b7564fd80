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
    public void Every_index_maps_to_the_utf8_byte_count_before_it(int length)
    {
        var random = new Random(length);
        var pieces = new[] { "a", "{", "\n", "é", "€", "😀", "日" };
        var builder = new StringBuilder();
        while (builder.Length < length)
            builder.Append(random.Next(4) == 0 ? pieces[random.Next(pieces.Length)] : "x");
        var text = builder.ToString();
        var map = new CharToByteMap(text, firstByte: 3);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i > 0 && char.IsHighSurrogate(text[i - 1]))
                continue; // the middle of a pair is not a character position
            map.ToByte(i).Should().Be(3 + Encoding.UTF8.GetByteCount(text.AsSpan(0, i)), $"at index {i}");
        }
    }
}
