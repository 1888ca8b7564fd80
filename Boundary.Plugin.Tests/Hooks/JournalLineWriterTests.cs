using System.Text;
using Boundary.Push;
using Boundary.Text;

namespace Boundary.Tests.Hooks;

/// <summary>
/// The journal is written by <see cref="JournalLineWriter"/> and read by the serializer's strict schema
/// (<see cref="StateJson"/>): every kind of line must come out as the serializer itself would write it,
/// byte for byte, or a journal written by one run could not be undone by the next.
/// </summary>
[Category("Unit")]
public class JournalLineWriterTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 22, 30, 5, 123, TimeSpan.FromHours(-3.5));

    // Text the escaping must treat exactly as the serializer does: quotes, backslashes, control
    // characters, '+', '=', '<', '&', non-ASCII, a character outside the BMP, and a line separator.
    private const string Awkward = "a\"b\\c\n\t\u0001+=<>&'é日本\U0001F600\u2028end";

    private static IEnumerable<TestCaseData> Headers()
    {
        yield return new TestCaseData(new JournalHeaderLine(5, "transient", "dev", "arn:aws:iam::123456789012:policy/B", Created, false, null, "1@2")).SetName("a transient run's header");
        yield return new TestCaseData(new JournalHeaderLine(5, "persist", null, null, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), true, Awkward, Awkward)).SetName("a header with nulls and awkward text");
        yield return new TestCaseData(new JournalHeaderLine(3, "transient", "dev", "arn:aws:iam::1:policy/B+=", Created.AddTicks(1), false, "", "x", Files: 7)).SetName("a format 3 header, counting its files");
    }

    private static IEnumerable<TestCaseData> Entries()
    {
        yield return new TestCaseData(new JournalEntry(0, "amplify/backend/a.json", "00", "11", [], [], [], null)).SetName("an entry with nothing in it");
        yield return new TestCaseData(new JournalEntry(
            41, "amplify/backend/" + Awkward, new string('a', 32), new string('b', 32),
            [new TextEdit(3, 5, ""), new TextEdit(int.MaxValue, 0, Awkward), new TextEdit(10, 2, new string('x', 100_000))],
            [new AddedBoundary("Role", "arn:aws:iam::123456789012:policy/B"), new AddedBoundary(Awkward, Awkward)],
            [new ReplacedBoundary("Old", "arn:aws:iam::1:policy/A", "arn:aws:iam::1:policy/B"), new ReplacedBoundary(Awkward, "", Awkward)],
            new FileStamp(long.MaxValue, -1))).SetName("an entry with every list and a stamp");
    }

    [TestCaseSource(nameof(Headers))]
    public void A_header_is_written_as_the_serializer_writes_it(JournalHeaderLine header)
    {
        Written(stream => JournalLineWriter.WriteHeader(stream, header)).Should().Be(Serialized(header));
    }

    [TestCaseSource(nameof(Entries))]
    public void An_entry_is_written_as_the_serializer_writes_it(JournalEntry entry)
    {
        Written(stream => JournalLineWriter.WriteEntry(stream, entry)).Should().Be(Serialized(entry));
    }

    [TestCase(0)]
    [TestCase(2_000_000)]
    public void Ready_and_done_lines_are_written_as_the_serializer_writes_them(int number)
    {
        Written(stream => JournalLineWriter.WriteReady(stream, new JournalReadyLine(number))).Should().Be(Serialized(new JournalReadyLine(number)));
        Encoding.UTF8.GetString(JournalLineWriter.DoneLine(new JournalDoneLine(number))).Should().Be(Serialized(new JournalDoneLine(number)));
    }

    [TestCaseSource(nameof(Entries))]
    public void A_written_entry_reads_back_as_the_same_entry(JournalEntry entry)
    {
        var line = Written(stream => JournalLineWriter.WriteEntry(stream, entry));

        var read = StateJson.Deserialize<JournalEntry>(Encoding.UTF8.GetBytes(line.TrimEnd('\n')));

        read.Should().BeEquivalentTo(entry, options => options.WithStrictOrdering());
    }

    [Test]
    public void A_large_entry_reaches_the_stream_in_pieces_not_as_one_buffer()
    {
        var added = Enumerable.Range(0, 100_000).Select(i => new AddedBoundary($"Role{i}", "arn:aws:iam::123456789012:policy/B")).ToList();
        var undo = Enumerable.Range(0, 100_000).Select(i => TextEdit.Removal(i * 100, 60)).ToList();
        var stream = new LargestWriteStream();

        JournalLineWriter.WriteEntry(stream, new JournalEntry(0, "amplify/backend/big.yaml", "00", "11", undo, added, [], null));

        stream.Length.Should().BeGreaterThan(10_000_000);
        stream.LargestWrite.Should().BeLessThan(1 << 20);
    }

    /// <summary>A stream that keeps only its length and the largest single write it was given.</summary>
    private sealed class LargestWriteStream : MemoryStream
    {
        private long length;

        public int LargestWrite { get; private set; }

        public override long Length => length;

        public override void Write(ReadOnlySpan<byte> buffer) => Count(buffer.Length);

        public override void Write(byte[] buffer, int offset, int count) => Count(count);

        public override void WriteByte(byte value) => Count(1);

        private void Count(int bytes)
        {
            length += bytes;
            LargestWrite = Math.Max(LargestWrite, bytes);
        }
    }

    private static string Written(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Serialized<T>(T value) => Encoding.UTF8.GetString(StateJson.Serialize(value)) + "\n";
}
