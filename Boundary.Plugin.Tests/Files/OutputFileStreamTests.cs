using Boundary.Files;

namespace Boundary.Tests.Files;

/// <summary>
/// <see cref="OutputFileStream"/> buffers writes in a pooled array of its own: what reaches the file is
/// every byte written, in order, whatever the sizes of the writes against the buffer's.
/// </summary>
[Category("Unit")]
public class OutputFileStreamTests
{
    private string folder = "";

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("boundary-output-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(40)]
    public void Writes_smaller_equal_and_larger_than_the_buffer_reach_the_file_in_order(int bufferSize)
    {
        var path = Path.Combine(folder, "out.bin");
        var expected = new List<byte>();
        var random = new Random(bufferSize);
        using (var stream = new OutputFileStream(NativeFiles.OpenToWrite(path, FileMode.CreateNew), bufferSize))
        {
            foreach (var length in new[] { 0, 1, 3, 15, 16, 17, 2, 33, 1, 64, 5, 16, 0, 9 })
            {
                var chunk = new byte[length];
                random.NextBytes(chunk);
                stream.Write(chunk);
                expected.AddRange(chunk);
                stream.Position.Should().Be(expected.Count);
            }
            stream.WriteByte(0x7F);
            expected.Add(0x7F);
        }

        File.ReadAllBytes(path).Should().Equal(expected);
    }

    [Test]
    public void Flush_puts_what_is_buffered_in_the_file_and_dispose_what_is_left()
    {
        var path = Path.Combine(folder, "journal.jsonl");
        using (var stream = new OutputFileStream(NativeFiles.OpenToWrite(path, FileMode.CreateNew), 1 << 16))
        {
            stream.Write("first\n"u8);
            new FileInfo(path).Length.Should().Be(0, "small writes wait in the buffer");
            stream.Flush(flushToDisk: false);
            File.ReadAllText(path).Should().Be("first\n");
            stream.Write("second\n"u8);
        }

        File.ReadAllText(path).Should().Be("first\nsecond\n");
    }

    [Test]
    public void Seeking_writes_what_is_buffered_first()
    {
        var path = Path.Combine(folder, "out.txt");
        using (var stream = new OutputFileStream(NativeFiles.OpenToWrite(path, FileMode.CreateNew), 64))
        {
            stream.Write("abcdef"u8);
            stream.Length.Should().Be(6);
            stream.Seek(1, SeekOrigin.Begin);
            stream.Write("X"u8);
            stream.Position = 6;
            stream.Write("g"u8);
        }

        File.ReadAllText(path).Should().Be("aXcdefg");
    }

    [Test]
    public void A_disposed_stream_refuses_writes_and_disposing_twice_is_harmless()
    {
        var stream = new OutputFileStream(NativeFiles.OpenToWrite(Path.Combine(folder, "out.txt"), FileMode.CreateNew), 16);
        stream.Write("x"u8);
        stream.Dispose();
        stream.Dispose();

        var write = () => stream.Write("y"u8);
        write.Should().Throw<ObjectDisposedException>();
        File.ReadAllText(Path.Combine(folder, "out.txt")).Should().Be("x");
    }
}
