using System.Text;
using Boundary.Core;
using Boundary.Push;
using Boundary.Tests.Support;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PushJournalParseTests
{
    private const string Header = """{"boundaryJournal":5,"mode":"transient","env":"dev","boundary":"arn:aws:iam::123456789012:policy/B","created":"2026-12-01T13:32:42+00:00","recordsOwnership":false,"ownershipBefore":null,"fileId":"1@1"}""";

    private const string Format4Header = """{"boundaryJournal":4,"mode":"transient","env":"dev","boundary":"arn:aws:iam::123456789012:policy/B","created":"2026-11-30T13:32:42+00:00","recordsOwnership":false,"ownershipBefore":null,"fileId":"1@1"}""";

    // Format 5 names files by XXH128 (32 hex digits), formats 3 and 4 by SHA-256 (64).
    private const string Entry = """{"index":0,"path":"amplify/backend/a.json","before":"00000000000000000000000000000000","after":"11111111111111111111111111111111","undo":[{"offset":3,"removeLength":5,"insert":""}],"added":[{"logicalId":"Role","value":"arn:aws:iam::123456789012:policy/B"}],"replaced":[],"copyStamp":null}""";

    private const string Sha256Entry = """{"index":0,"path":"amplify/backend/a.json","before":"0000000000000000000000000000000000000000000000000000000000000000","after":"1111111111111111111111111111111111111111111111111111111111111111","undo":[{"offset":3,"removeLength":5,"insert":""}],"added":[{"logicalId":"Role","value":"arn:aws:iam::123456789012:policy/B"}],"replaced":[],"copyStamp":null}""";

    private const string Format3Header = """{"boundaryJournal":3,"mode":"transient","env":"dev","boundary":"arn:aws:iam::123456789012:policy/B","created":"2026-11-30T13:32:42+00:00","files":1,"recordsOwnership":false,"ownershipBefore":null,"fileId":"1@1"}""";

    private static JournalContent Parse(params string[] lines) =>
        PushJournal.Parse("j.jsonl", Encoding.UTF8.GetBytes(string.Join("\n", lines)));

    [TestCase("[1, {\"done\": 0}]", "found array")]
    [TestCase("\"done\"", "found string")]
    [TestCase("{\"done\": 0} {\"done\": 0}", "after a single JSON value")]
    [TestCase("{\"done\": 0,}", "trailing comma")]
    [TestCase("{\"done\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "depth")]
    public void A_line_that_is_not_one_json_object_is_refused_with_its_number(string line, string why)
    {
        var parsing = () => Parse(Header, line, "{\"ready\": 1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:2: not a JSON object").And.Contain(why);
    }

    [Test]
    public void A_last_line_cut_short_by_a_kill_is_dropped()
    {
        var journal = Parse(Header, "{\"index\":0,\"path\":\"amplify/backend/a.json\",\"undo\":[{\"offs");

        journal.Entries.Should().BeEmpty();
        journal.Complete.Should().BeFalse();
    }

    [Test]
    public void A_journal_of_this_format_counts_its_files_in_the_ready_line_only_and_hashes_with_XXH128()
    {
        var journal = Parse(Header, Entry, "{\"ready\":1}");

        journal.Complete.Should().BeTrue();
        journal.Entries.Should().ContainSingle().Which.Path.Should().Be("amplify/backend/a.json");
        journal.Hash.Should().BeSameAs(JournalHash.Written);
        journal.Hash.Hash("abc"u8).Should().Be(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash("abc"u8)));
    }

    [Test]
    public void A_journal_of_format_4_is_still_read_and_hashes_with_SHA256()
    {
        var journal = Parse(Format4Header, Sha256Entry, "{\"ready\":1}");

        journal.Complete.Should().BeTrue();
        journal.Hash.Hash("abc"u8).Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Test]
    public void A_journal_of_format_3_is_still_read_and_its_header_count_still_checked()
    {
        Parse(Format3Header, Sha256Entry, "{\"ready\":1}").Complete.Should().BeTrue();

        var miscounted = () => Parse(Format3Header.Replace("\"files\":1", "\"files\":2"), Sha256Entry, "{\"ready\":1}");
        miscounted.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:3: ready line says 1 files");
    }

    [TestCase(5, 64, 32, "XXH128")]
    [TestCase(4, 32, 64, "SHA-256")]
    [TestCase(3, 32, 64, "SHA-256")]
    public void A_hash_of_another_kind_than_its_format_uses_is_refused(int format, int written, int expected, string name)
    {
        var header = format switch { 5 => Header, 4 => Format4Header, _ => Format3Header };
        var entry = (format == 5 ? Entry : Sha256Entry).Replace(new string('1', expected), new string('1', written));

        var parsing = () => Parse(header, entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"j.jsonl:2: a hash that is not {expected} lowercase hex digits (the {name} of journal format {format})");
    }

    [TestCase(5)]
    [TestCase(4)]
    public void A_header_that_counts_its_files_in_a_format_that_does_not_is_refused(int format)
    {
        var header = (format == 5 ? Header : Format4Header).Replace("\"fileId\":\"1@1\"}", "\"fileId\":\"1@1\",\"files\":1}");

        var parsing = () => Parse(header, format == 5 ? Entry : Sha256Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"j.jsonl:1: a file count in the header, which only format 3 has (this is format {format})");
    }

    [Test]
    public void A_format_3_header_without_its_file_count_is_refused()
    {
        var parsing = () => Parse(Format3Header.Replace("\"files\":1,", ""), Sha256Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:1: format 3 counts its files in its header, and this header does not");
    }

    [Test]
    public void A_header_naming_a_format_twice_is_refused_by_the_one_read_last()
    {
        var header = Header.Replace("\"fileId\":\"1@1\"}", "\"fileId\":\"1@1\",\"boundaryJournal\":2}");

        var parsing = () => Parse(header, Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:1: journal format 2, not the format 5");
    }

    [TestCase(2)]
    [TestCase(6)]
    public void A_journal_of_another_format_is_refused_by_its_number_before_its_schema(int format)
    {
        // Format 2 had no fileId, so its header is not of this schema: the number is what the user needs to hear.
        var header = Header.Replace("\"boundaryJournal\":5", $"\"boundaryJournal\":{format}").Replace(",\"fileId\":\"1@1\"", "");

        var parsing = () => Parse(header, Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"j.jsonl:1: journal format {format}, not the format 5 this version of dotnet boundary writes (nor 3 or 4, which it still reads)");
    }

    // A journal of more than 64 lines is read on all cores, in blocks of 4,096 lines: what it holds and
    // the first problem it has must depend neither on which line a core reached first nor on the blocks.
    private static string[] LargeJournal(int entries) =>
        [Header, .. Enumerable.Range(0, entries).Select(EntryAt), $"{{\"ready\":{entries}}}"];

    private static string EntryAt(int index) => Entry.Replace("\"index\":0", $"\"index\":{index}").Replace("amplify/backend/a.json", $"amplify/backend/t{index}.json");

    [Test]
    public void A_large_journal_is_read_whole_and_in_order()
    {
        var journal = Parse(LargeJournal(9000));

        journal.Complete.Should().BeTrue();
        journal.Entries.Select(e => e.Path).Should().Equal(Enumerable.Range(0, 9000).Select(i => $"amplify/backend/t{i}.json"));
    }

    [TestCase(4096)] // the last line of the first block
    [TestCase(4097)] // the first of the second
    [TestCase(8500)]
    public void A_problem_in_any_block_is_named_with_its_line(int line)
    {
        // Line n holds entry n - 2 (the header is line 1); one numbered n - 1 is wrong only after the lines before it.
        var lines = LargeJournal(9000);
        lines[line - 1] = EntryAt(line - 2).Replace($"\"index\":{line - 2}", $"\"index\":{line - 1}");

        var parsing = () => Parse(lines);

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"j.jsonl:{line}: entry index {line - 1} where {line - 2} was expected");
    }

    [Test]
    [Repeat(20)]
    public void A_large_journal_reports_the_first_problem_in_the_file_whichever_line_was_read_first()
    {
        var lines = LargeJournal(500);
        lines[400] = "{not json";                                                   // line 401
        lines[300] = EntryAt(299).Replace("amplify/backend/t299.json", "../t.json"); // line 301: a path out of the project
        lines[150] = EntryAt(150).Replace(new string('0', 32), "00");               // line 151: a short hash
        lines[120] = EntryAt(7);                                                    // line 121: the wrong index

        var parsing = () => Parse(lines);

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:121: entry index 7 where 119 was expected");
    }

    [Test]
    [Repeat(20)]
    public void A_large_journal_whose_first_problem_is_a_line_that_is_not_json_names_that_line()
    {
        var lines = LargeJournal(500);
        lines[450] = EntryAt(449).Replace(new string('1', 32), "11");
        lines[200] = "[200]";

        var parsing = () => Parse(lines);

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:201: not a JSON object (found array)");
    }

    [Test]
    public void A_large_journal_cut_short_in_its_last_line_keeps_the_entries_before_it()
    {
        var lines = LargeJournal(300)[..^1];
        lines[^1] = lines[^1][..40];

        var journal = Parse(lines);

        journal.Complete.Should().BeFalse();
        journal.Entries.Should().HaveCount(299);
    }

    [Test]
    public void A_journal_that_fails_to_be_written_reports_it_when_made_ready_and_takes_no_more_entries()
    {
        using var folder = new TempProject();
        var path = Path.Combine(folder.Root, "push-journal.jsonl");
        using var journal = PushJournal.Begin(folder.Root, path, new JournalHeader("transient", "dev", null, DateTimeOffset.UnixEpoch, false, null));
        journal.Created.Should().BeFalse("a run that changes nothing writes no journal");

        journal.Append(_ => throw new IOException("No space left on device")).Should().Be(-1);
        journal.Append(index => new JournalEntry(index, "amplify/backend/a.json", new string('0', 32), new string('1', 32), [], [], [], null)).Should().Be(-1);
        var ready = journal.Ready;

        ready.Should().Throw<BoundaryException>().Which.Message.Should().Be($"{path}: the journal cannot be written (No space left on device); no file was changed. Make {folder.Root} writable for you and run again.");
        journal.Count.Should().Be(0);
        File.ReadAllText(path).Should().NotContain("ready");
    }
}
