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
    public void Two_yaml_files_are_never_read_at_once_while_other_files_remain()
    {
        const int files = 200;
        var sizes = Enumerable.Range(0, files).Select(i => (long)(files - i)).ToArray();
        // Every other file is YAML: half the work, so that the other files run out only at the end.
        var schedule = ScanSchedule.For(sizes, i => i % 2 == 0, sizes.Sum());
        var inProgress = 0;
        var overlaps = new ConcurrentBag<int>();
        var taken = new ConcurrentBag<int>();
        var othersLeft = files / 2;

        schedule.Run(new ParallelOptions { MaxDegreeOfParallelism = 4 }, index =>
        {
            taken.Add(index);
            if (index % 2 != 0)
            {
                Thread.SpinWait(2_000);
                Interlocked.Decrement(ref othersLeft);
                return;
            }
            if (Interlocked.Increment(ref inProgress) > 1 && Volatile.Read(ref othersLeft) > 0)
                overlaps.Add(index);
            Thread.SpinWait(20_000);
            Interlocked.Decrement(ref inProgress);
        });

        taken.Should().BeEquivalentTo(Enumerable.Range(0, files), "each file is taken once");
        // A second YAML file may start only when no other file is left to take (the last few other files
        // can still be running then, hence the tolerance of one per other thread).
        overlaps.Should().HaveCountLessThanOrEqualTo(3);
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
