using System.Text;
using Boundary.Core;
using Boundary.Push;
using Boundary.Tests.Support;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PushJournalParseTests
{
    private const string Format4Header = """{"boundaryJournal":4,"mode":"transient","env":"dev","boundary":"arn:aws:iam::123456789012:policy/B","created":"2026-11-30T13:32:42+00:00","recordsOwnership":false,"ownershipBefore":null,"fileId":"1@1"}""";

    private const string Entry = """{"index":0,"path":"amplify/backend/a.json","before":"0000000000000000000000000000000000000000000000000000000000000000","after":"1111111111111111111111111111111111111111111111111111111111111111","undo":[{"offset":3,"removeLength":5,"insert":""}],"added":[{"logicalId":"Role","value":"arn:aws:iam::123456789012:policy/B"}],"replaced":[],"copyStamp":null}""";

    private const string Header = """{"boundaryJournal":3,"mode":"transient","env":"dev","boundary":"arn:aws:iam::123456789012:policy/B","created":"2026-11-30T13:32:42+00:00","files":1,"recordsOwnership":false,"ownershipBefore":null,"fileId":"1@1"}""";

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
    public void A_journal_of_this_format_counts_its_files_in_the_ready_line_only()
    {
        var journal = Parse(Format4Header, Entry, "{\"ready\":1}");

        journal.Complete.Should().BeTrue();
        journal.Entries.Should().ContainSingle().Which.Path.Should().Be("amplify/backend/a.json");
    }

    [Test]
    public void A_journal_of_the_previous_format_is_still_read_and_its_header_count_still_checked()
    {
        Parse(Header, Entry, "{\"ready\":1}").Complete.Should().BeTrue();

        var miscounted = () => Parse(Header.Replace("\"files\":1", "\"files\":2"), Entry, "{\"ready\":1}");
        miscounted.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:3: ready line says 1 files");
    }

    [TestCase("\"fileId\":\"1@1\"}", "\"fileId\":\"1@1\",\"files\":1}", 4)]
    [TestCase("\"files\":1,", "", 3)]
    public void A_header_whose_file_count_does_not_match_its_format_is_refused(string from, string to, int format)
    {
        var header = (format == 4 ? Format4Header : Header).Replace(from, to);

        var parsing = () => Parse(header, Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:1: format 3 has a file count in its header and format 4 none");
    }

    [Test]
    public void A_header_naming_a_format_twice_is_refused_by_the_one_read_last()
    {
        var header = Format4Header.Replace("\"fileId\":\"1@1\"}", "\"fileId\":\"1@1\",\"boundaryJournal\":2}");

        var parsing = () => Parse(header, Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:1: journal format 2, not the format 4");
    }

    [TestCase(2)]
    [TestCase(5)]
    public void A_journal_of_another_format_is_refused_by_its_number_before_its_schema(int format)
    {
        // Format 2 had no fileId, so its header is not of this schema: the number is what the user needs to hear.
        var header = Format4Header.Replace("\"boundaryJournal\":4", $"\"boundaryJournal\":{format}").Replace(",\"fileId\":\"1@1\"", "");

        var parsing = () => Parse(header, Entry, "{\"ready\":1}");

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith($"j.jsonl:1: journal format {format}, not the format 4 this version of dotnet boundary writes (nor 3, which it still reads)");
    }

    // A journal of more than 64 lines is read on all cores, in blocks of 4,096 lines: what it holds and
    // the first problem it has must depend neither on which line a core reached first nor on the blocks.
    private static string[] LargeJournal(int entries) =>
        [Format4Header, .. Enumerable.Range(0, entries).Select(EntryAt), $"{{\"ready\":{entries}}}"];

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
        lines[150] = EntryAt(150).Replace(new string('0', 64), "00");               // line 151: a short hash
        lines[120] = EntryAt(7);                                                    // line 121: the wrong index

        var parsing = () => Parse(lines);

        parsing.Should().Throw<BoundaryException>().Which.Message.Should().StartWith("j.jsonl:121: entry index 7 where 119 was expected");
    }

    [Test]
    [Repeat(20)]
    public void A_large_journal_whose_first_problem_is_a_line_that_is_not_json_names_that_line()
    {
        var lines = LargeJournal(500);
        lines[450] = EntryAt(449).Replace(new string('1', 64), "11");
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
        journal.Append(index => new JournalEntry(index, "amplify/backend/a.json", new string('0', 64), new string('1', 64), [], [], [], null)).Should().Be(-1);
        var ready = journal.Ready;

        ready.Should().Throw<BoundaryException>().Which.Message.Should().Be($"{path}: the journal cannot be written (No space left on device); no file was changed. Make {folder.Root} writable for you and run again.");
        journal.Count.Should().Be(0);
        File.ReadAllText(path).Should().NotContain("ready");
    }
}
