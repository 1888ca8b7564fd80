using System.Text.Json;
using Boundary.Core;
using FluentAssertions;
using NUnit.Framework;

namespace Boundary.Tests.Core;

[Category("Unit")]
public class CollectorStatsTests
{
    [Test]
    public void The_line_is_gc_stats_and_a_json_object_of_the_collectors_counts()
    {
        GC.Collect(1);
        var line = CollectorStats.Line();

        line.Should().StartWith("gc-stats {").And.NotContain("\n");
        using var json = JsonDocument.Parse(line["gc-stats ".Length..]);
        var stats = json.RootElement;
        stats.EnumerateObject().Select(p => p.Name).Should().Equal("collections", "gen1", "gen2", "forced", "pauseMs", "allocatedMB");
        stats.EnumerateObject().Should().OnlyContain(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.GetInt64() >= 0);
        // An older generation's collection is one of the younger's too.
        stats.GetProperty("gen1").GetInt64().Should().BeGreaterThan(0);
        stats.GetProperty("collections").GetInt64().Should().BeGreaterThanOrEqualTo(stats.GetProperty("gen1").GetInt64());
        stats.GetProperty("gen1").GetInt64().Should().BeGreaterThanOrEqualTo(stats.GetProperty("gen2").GetInt64());
    }

    [Test]
    public void A_tick_after_a_young_budget_of_allocation_collects_and_counts_it()
    {
        YoungGeneration.Tick(); // starts this thread's count, or collects what an earlier test left
        var counted = YoungGeneration.Collections;
        var young = GC.CollectionCount(0);

        for (var i = 0; i < 64; i++)
            GC.KeepAlive(new byte[256 << 10]); // 16 MB in all, over the 8 MB budget
        YoungGeneration.Tick();

        // Other fixtures' threads tick too: at least this thread's collection.
        YoungGeneration.Collections.Should().BeGreaterThan(counted);
        GC.CollectionCount(0).Should().BeGreaterThan(young);
    }
}
