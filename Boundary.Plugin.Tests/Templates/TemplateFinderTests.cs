using Boundary.Templates;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class TemplateFinderTests
{
    [Test]
    public void Resource_folders_of_any_name_and_the_hosts_template_names_are_found_below_amplify_backend()
    {
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            var backend = Path.Combine(root, "amplify", "backend");
            string Put(string relative)
            {
                var path = Path.Combine(backend, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "{}");
                return path;
            }
            // The host deploys every resource its backend-config names, whatever the folder is called.
            var found = new[]
            {
                Put("custom/node_modules/node_modules-cloudformation-template.yaml"),
                Put("custom/.r/r-cloudformation-template.yaml"),
                Put(".temp/x/x-cloudformation-template.json"),
                // The host's '*template*.+(yaml|yml|json)' takes these too.
                Put("custom/c/c-cloudformation-template.jsonjson"),
                Put("custom/c/c-template.ymlyaml"),
            };
            // Below a resource, the usual folders stay skipped (a function's dependencies).
            Put("function/f/src/node_modules/dep/dep-cloudformation-template.json");
            Put("function/f/.git/x-template.json");
            Put("custom/c/notes.jsonjson");

            var result = TemplateFinder.Find([backend]);

            result.Should().BeEquivalentTo(found);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Outside_amplify_backend_every_level_skips_dependency_and_dot_folders()
    {
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "node_modules", "x"));
            File.WriteAllText(Path.Combine(root, "node_modules", "x", "x.template.json"), "{}");
            Directory.CreateDirectory(Path.Combine(root, "stack"));
            var stack = Path.Combine(root, "stack", "Stack.template.json");
            File.WriteAllText(stack, "{}");

            TemplateFinder.Find([root]).Should().Equal(stack);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
