using System.Collections.Concurrent;
using Boundary.Templates;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class ScanScheduleTests
{
    private static readonly ParallelOptions OneThread = new() { MaxDegreeOfParallelism = 1 };

    [Test]
    public void A_thread_takes_a_yaml_file_whenever_no_other_thread_parses_one_and_each_kind_largest_first()
    {
        // Sizes by index; 1 and 3 are YAML.
        var sizes = new long[] { 10, 50, 30, 40, 20 };
        var schedule = ScanSchedule.For(sizes, i => i is 1 or 3, sizes.Sum());
        var taken = new List<int>();

        schedule.Run(OneThread, taken.Add);

        // Alone, a thread never finds another YAML file in progress: the YAML files come first.
        taken.Should().Equal(1, 3, 2, 4, 0);
    }

    [Test]
    public void With_one_thread_every_file_is_read_on_the_calling_thread()
    {
        var schedule = ScanSchedule.For(new long[] { 1, 2, 3 }, _ => false, 6);
        var caller = Environment.CurrentManagedThreadId;
        var threads = new List<int>();

        schedule.Run(OneThread, _ => threads.Add(Environment.CurrentManagedThreadId));

        threads.Should().HaveCount(3).And.OnlyContain(t => t == caller);
    }

    [Test]
    public void A_second_yaml_file_starts_only_once_every_other_file_is_taken()
    {
        // 0, 2 and 4 are YAML; sizes fall with the index.
        var sizes = new long[] { 60, 50, 40, 30, 20, 10 };
        var schedule = ScanSchedule.For(sizes, i => i % 2 == 0, sizes.Sum());

        // Two threads: the first takes the largest YAML file and keeps it; the second gets the others.
        schedule.Take().Should().Be((0, true));
        schedule.Take().Should().Be((1, false));
        schedule.Done(false);
        schedule.Take().Should().Be((3, false));
        schedule.Done(false);
        schedule.Take().Should().Be((5, false));
        schedule.Done(false);
        // Nothing else is left: the second thread takes a YAML file beside the first rather than idle.
        schedule.Take().Should().Be((2, true));
        schedule.Done(true);
        schedule.Done(true);
        schedule.Take().Should().Be((4, true));
        schedule.Done(true);
        schedule.Take().Index.Should().Be(-1);
    }

    [Test]
    public void Once_a_yaml_file_is_done_the_next_thread_to_ask_takes_the_next_one()
    {
        var sizes = new long[] { 60, 50, 40, 30 };
        var schedule = ScanSchedule.For(sizes, i => i is 0 or 1, sizes.Sum());

        schedule.Take().Should().Be((0, true));
        schedule.Take().Should().Be((2, false));
        schedule.Done(true);
        schedule.Take().Should().Be((1, true));
        schedule.Take().Should().Be((3, false));
    }

    [Test]
    public void Every_file_is_taken_once_by_threads_running_together()
    {
        const int files = 500;
        var sizes = Enumerable.Range(0, files).Select(i => (long)(i * 7919 % 1000)).ToArray();
        var schedule = ScanSchedule.For(sizes, i => i % 3 == 0, sizes.Sum());
        var taken = new ConcurrentBag<int>();

        schedule.Run(new ParallelOptions { MaxDegreeOfParallelism = 4 }, index =>
        {
            taken.Add(index);
            Thread.SpinWait(500);
        });

        taken.Should().BeEquivalentTo(Enumerable.Range(0, files));
    }

    [Test]
    public void A_file_that_cannot_be_measured_comes_first_and_its_read_reports_the_problem()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-schedule-");
        try
        {
            var small = Path.Combine(folder.FullName, "small.json");
            File.WriteAllText(small, "{}");
            var missing = Path.Combine(folder.FullName, "missing.json");
            var schedule = ScanSchedule.For([small, missing]);
            var taken = new List<int>();

            schedule.Run(OneThread, taken.Add);

            taken.Should().Equal(1, 0);
            schedule.TotalBytes.Should().BeGreaterThan(2);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void An_exception_from_a_file_ends_the_run_as_a_parallel_loop_does()
    {
        var schedule = ScanSchedule.For(new long[] { 3, 2, 1 }, _ => false, 6);

        var run = () => schedule.Run(OneThread, index => throw new InvalidOperationException($"file {index}"));

        run.Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage("file 0");
    }

    [Test]
    public void Only_yml_and_yaml_names_count_as_yaml()
    {
        ScanSchedule.IsNamedYaml("a/template.yml").Should().BeTrue();
        ScanSchedule.IsNamedYaml("a/template.YAML").Should().BeTrue();
        ScanSchedule.IsNamedYaml("a/template.json").Should().BeFalse();
        ScanSchedule.IsNamedYaml("a/yaml.template").Should().BeFalse();
    }
}
