using System.Text;
using Boundary.Core;
using Boundary.Push;

namespace Boundary.Tests.Hooks;

[Category("Unit")]
public class PushJournalParseTests
{
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
}
