using Boundary.Core;
using Boundary.Json;

namespace Boundary.Tests.Json;

/// <summary>Edits to a settings file go through members written once: of two, readers disagree on which counts.</summary>
[Category("Unit")]
public class JsonFileTests
{
    private static readonly string[] MetaPath = ["providers", "awscloudformation", "PermissionsBoundaryPolicyArn"];

    private string folder = "";

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("boundary-jsonfile-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private JsonFile Load(string text)
    {
        var path = Path.Combine(folder, "amplify-meta.json");
        File.WriteAllText(path, text);
        return JsonFile.Load(path);
    }

    [TestCase("""{"providers": {"awscloudformation": {"PermissionsBoundaryPolicyArn": "a", "PermissionsBoundaryPolicyArn": "b"}}}""", "\"PermissionsBoundaryPolicyArn\" is written twice in providers.awscloudformation", 1, 75)]
    [TestCase("""{"providers": {"awscloudformation": {}, "awscloudformation": {"PermissionsBoundaryPolicyArn": "b"}}}""", "\"awscloudformation\" is written twice in providers", 1, 41)]
    [TestCase("{\"providers\": {}, \"providers\": {}}", "\"providers\" is written twice in the top-level object", 1, 19)]
    public void A_member_written_twice_on_the_way_is_neither_set_nor_removed(string text, string why, int line, int column)
    {
        var file = Load(text);

        var setting = () => file.SetString(MetaPath, "c");
        var removing = () => file.Remove(MetaPath);

        setting.Should().Throw<BoundaryException>().Which.Message.Should().Contain($"amplify-meta.json:{line}:{column}: {why}");
        removing.Should().Throw<BoundaryException>().Which.Message.Should().Contain($"amplify-meta.json:{line}:{column}: {why}");
    }

    [Test]
    public void A_member_written_twice_elsewhere_in_the_file_does_not_stop_an_edit()
    {
        var file = Load("""{"providers": {"awscloudformation": {"PermissionsBoundaryPolicyArn": "a", "Region": "x", "Region": "y"}}, "other": 1, "other": 2}""");

        file.Remove(MetaPath).Should().NotBeNull();
        file.SetString(MetaPath, "c").Should().NotBeNull();
    }
}
