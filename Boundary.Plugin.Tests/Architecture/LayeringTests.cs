namespace Boundary.Tests.Architecture;

[TestFixture]
[Category("Unit")]
public sealed class LayeringTests
{
    private string? temp;

    [TearDown]
    public void RemoveTemp()
    {
        if (temp is not null && Directory.Exists(temp))
            Directory.Delete(temp, recursive: true);
    }

    /// <summary>The tool's source folder, found from the test output folder up to the repository root.</summary>
    private static string PluginSource()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Boundary.Plugin");
            if (File.Exists(Path.Combine(candidate, "Boundary.Plugin.csproj")))
                return candidate;
        }
        Assert.Ignore("The tests run outside a clone of the repository (no Boundary.Plugin/Boundary.Plugin.csproj above the test folder), so there is no source to check.");
        return "";
    }

    [Test]
    public void Only_Cli_and_Program_import_Boundary_Cli_and_no_folder_uses_a_layer_above_it()
    {
        LayerRules.Violations(PluginSource()).Should().BeEmpty();
    }

    [Test]
    public void Source_tree_has_the_folders_the_layers_name()
    {
        var folders = Directory.GetDirectories(PluginSource()).Select(Path.GetFileName)
            .Where(name => name is not ("obj" or "bin")).ToList();
        folders.Should().Contain(["Cli", "Core", "Text", "Files", "Json", "Yaml", "Amplify", "Templates", "Aws", "Push"]);
    }

    [TestCase("Push/Runner.cs", "namespace Boundary.Push;\nusing Boundary.Cli;\n", "uses Boundary.Cli")]
    [TestCase("Json/Reader.cs", "using Boundary.Templates;\nnamespace Boundary.Json;\n", "uses Boundary.Templates")]
    [TestCase("Templates/Plan.cs", "namespace Boundary.Templates;\nclass P { int X = Boundary.Push.Codes.Fail; }\n", "uses Boundary.Push")]
    [TestCase("Aws/Client.cs", "namespace Boundary.Aws;\nclass C { int X = Cli.ExitCodes.Aws; }\n", "uses Boundary.Cli")]
    [TestCase("Text/Diff.cs", "namespace Boundary.Files;\n", "expected 'Boundary.Text'")]
    [TestCase("Misc/Helper.cs", "namespace Boundary.Misc;\n", "has no place in the layers")]
    public void A_file_that_breaks_the_layers_is_reported(string relative, string content, string expected)
    {
        temp = Path.Combine(Path.GetTempPath(), "boundary-tests", "layers-" + Guid.NewGuid().ToString("N")[..12]);
        var path = Path.Combine(temp, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.WriteAllText(Path.Combine(temp, "Program.cs"), "using Boundary.Cli;\nnamespace Boundary;\n");

        LayerRules.Violations(temp).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Test]
    public void A_comment_or_string_naming_Boundary_Cli_is_not_an_import()
    {
        temp = Path.Combine(Path.GetTempPath(), "boundary-tests", "layers-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(temp, "Core"));
        File.WriteAllText(Path.Combine(temp, "Core", "Note.cs"),
            "namespace Boundary.Core;\n// see Boundary.Cli.ExitCodes\nclass N { string S = \"Boundary.Cli\"; }\n");

        LayerRules.Violations(temp).Should().BeEmpty();
    }
}
