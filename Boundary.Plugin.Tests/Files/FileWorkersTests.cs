using Boundary.Files;

namespace Boundary.Tests.Files;

[Category("Unit")]
public class FileWorkersTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("boundary-workers-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_few_small_files_are_read_on_the_calling_thread()
    {
        var files = Write(5, 4 * 1024);

        FileWorkers.ForReading(files, 8).MaxDegreeOfParallelism.Should().Be(1);
    }

    [Test]
    public void Files_larger_in_all_than_the_limit_are_read_in_parallel()
    {
        var files = Write(3, (int)(FileWorkers.SerialBytes / 2));

        FileWorkers.ForReading(files, 8).MaxDegreeOfParallelism.Should().Be(8);
    }

    [Test]
    public void Many_files_are_read_in_parallel_whatever_their_size()
    {
        var files = Write(FileWorkers.SerialReads + 1, 10);

        FileWorkers.ForReading(files, 8).MaxDegreeOfParallelism.Should().Be(8);
    }

    [Test]
    public void A_file_that_cannot_be_measured_leaves_the_batch_parallel()
    {
        var files = Write(2, 10).Append(Path.Combine(folder, "missing.json")).ToList();

        FileWorkers.ForReading(files, 8).MaxDegreeOfParallelism.Should().Be(8);
    }

    [Test]
    public void A_few_operations_run_on_the_calling_thread_and_more_in_parallel()
    {
        FileWorkers.ForOperations(FileWorkers.SerialOperations, 4).MaxDegreeOfParallelism.Should().Be(1);
        FileWorkers.ForOperations(FileWorkers.SerialOperations + 1, 4).MaxDegreeOfParallelism.Should().Be(4);
    }

    private List<string> Write(int count, int size) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(folder, $"t{i}.json");
            File.WriteAllBytes(path, new byte[size]);
            return path;
        }).ToList();
}
