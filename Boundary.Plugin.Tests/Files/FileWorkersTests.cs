using Boundary.Files;

namespace Boundary.Tests.Files;

[Category("Unit")]
public class FileWorkersTests
{
    [Test]
    public void A_few_small_files_are_read_on_the_calling_thread() =>
        FileWorkers.ForReading(5, 5 * 4 * 1024, 8).MaxDegreeOfParallelism.Should().Be(1);

    [Test]
    public void Files_larger_in_all_than_the_limit_are_read_in_parallel() =>
        FileWorkers.ForReading(3, FileWorkers.SerialBytes + 1, 8).MaxDegreeOfParallelism.Should().Be(8);

    [Test]
    public void Many_files_are_read_in_parallel_whatever_their_size() =>
        FileWorkers.ForReading(FileWorkers.SerialReads + 1, FileWorkers.SerialReads + 1, 8).MaxDegreeOfParallelism.Should().Be(8);

    [Test]
    public void A_few_renames_run_on_the_calling_thread_and_more_on_more_threads_than_cores()
    {
        FileWorkers.ForRenames(FileWorkers.SerialOperations).MaxDegreeOfParallelism.Should().Be(1);
        FileWorkers.ForRenames(FileWorkers.SerialOperations + 1).MaxDegreeOfParallelism.Should().Be(FileWorkers.RenameWorkers);
        ThreadPool.GetMinThreads(out var workers, out _);
        workers.Should().BeGreaterThanOrEqualTo(FileWorkers.RenameWorkers, "the pool would add threads for waiting renames only slowly");
    }
}
