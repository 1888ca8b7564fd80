using Boundary.Files;

namespace Boundary.Tests.Files;

[Category("Unit")]
public class FileIdentityTests
{
    [Test]
    public void A_file_written_in_place_keeps_its_identity_and_a_copy_of_it_has_another()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-identity-").FullName;
        try
        {
            var original = Path.Combine(folder, "journal.jsonl");
            File.WriteAllText(original, "first line\n");
            var identity = FileIdentity.Of(original);
            identity.Should().NotBeNullOrEmpty();

            File.AppendAllText(original, "appended\n");
            File.WriteAllText(original, "rewritten in place\n");
            FileIdentity.Of(original).Should().Be(identity);

            var copy = Path.Combine(folder, "copy.jsonl");
            File.Copy(original, copy);
            FileIdentity.Of(copy).Should().NotBe(identity);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_missing_file_has_no_identity() =>
        FileIdentity.Of(Path.Combine(Path.GetTempPath(), "boundary-no-such-file-" + Guid.NewGuid().ToString("N"))).Should().BeNull();
}
