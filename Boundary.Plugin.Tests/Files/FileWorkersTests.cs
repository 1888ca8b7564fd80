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
    public void A_few_operations_run_on_the_calling_thread_and_more_in_parallel()
    {
        FileWorkers.ForOperations(FileWorkers.SerialOperations, 4).MaxDegreeOfParallelism.Should().Be(1);
        FileWorkers.ForOperations(FileWorkers.SerialOperations + 1, 4).MaxDegreeOfParallelism.Should().Be(4);
    }
}
