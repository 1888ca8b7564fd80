using Boundary.Core;
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

    // Linux follows at most 40 links in one path (MAXSYMLINKS).
    private const int KernelLinkLimit = 40;

    [Test]
    public void Folder_reached_through_more_links_than_the_kernel_follows_from_a_linked_root_stops_the_run_naming_the_link()
    {
        RequireLinux();
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            var project = Path.Combine(root, "project");
            var template = Put(project, ".store/fn0/fn/fn-cloudformation-template.json");
            // amplify/backend/function leads to the function folder through exactly as many links as the
            // kernel follows: from the project's real path it is found; from a link to the project, one more.
            var last = Chain(Path.Combine(project, ".store"), "../.store/fn0", KernelLinkLimit - 1);
            Directory.CreateDirectory(Path.Combine(project, "amplify", "backend"));
            File.CreateSymbolicLink(Path.Combine(project, "amplify", "backend", "function"), Path.Combine("..", "..", ".store", last));
            var linkedProject = Path.Combine(root, "linked-project");
            File.CreateSymbolicLink(linkedProject, project);

            TemplateFinder.Find([Path.Combine(project, "amplify", "backend")], root: project)
                .Should().Equal(Path.Combine(project, "amplify", "backend", "function", "fn", "fn-cloudformation-template.json"));
            File.Exists(template).Should().BeTrue();

            var act = () => TemplateFinder.Find([Path.Combine(linkedProject, "amplify", "backend")], root: linkedProject);

            act.Should().Throw<BoundaryException>()
                .Which.Message.Should().StartWith(Path.Combine(linkedProject, "amplify", "backend", "function") + ": a link that cannot be followed from here")
                .And.Contain(Path.Combine(project, ".store", "fn0")).And.Contain("Nothing was changed");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Folder_reached_first_through_a_long_chain_of_links_is_walked_by_its_short_path_whatever_the_listing_order()
    {
        RequireLinux();
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            // 'a' reaches X through 39 links, and X/b one more; from X's own path b and Y/c are two links.
            // A walk that took 'a' first and X by its first path would never reach Z by any path.
            var template = Put(root, ".z/Z/t.json");
            Directory.CreateDirectory(Path.Combine(root, "X"));
            Directory.CreateDirectory(Path.Combine(root, ".y", "Y"));
            var last = Chain(Path.Combine(root, ".c"), "../X", KernelLinkLimit - 1);
            // Several names for that link, so that some come before X in any listing order.
            foreach (var name in new[] { "a", "b", "m", "w", "zz", "X1", "0", "_" })
                File.CreateSymbolicLink(Path.Combine(root, name), Path.Combine(".c", last));
            File.CreateSymbolicLink(Path.Combine(root, "X", "b"), "../.y/Y");
            File.CreateSymbolicLink(Path.Combine(root, ".y", "Y", "c"), "../../.z/Z");

            TemplateFinder.Find([root]).Should().Equal(Path.Combine(root, "X", "b", "c", "t.json"));
            File.Exists(template).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Folder_walked_deep_down_is_walked_again_when_a_link_makes_it_a_category_of_amplify_backend()
    {
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            var backend = Path.Combine(root, "amplify", "backend");
            // Below a resource a dot-folder is skipped; as a category's resource (through the link 'linked')
            // the host deploys it whatever its name.
            Put(backend, "custom/c/stacks/.r/r-cloudformation-template.json");
            File.CreateSymbolicLink(Path.Combine(backend, "linked"), Path.Combine("custom", "c", "stacks"));

            TemplateFinder.Find([backend]).Should().Equal(Path.Combine(backend, "linked", ".r", "r-cloudformation-template.json"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Loop_of_links_and_chain_too_long_from_anywhere_are_links_to_nothing()
    {
        RequireLinux();
        var root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;
        try
        {
            var template = Put(root, "stack/Stack.template.json");
            File.CreateSymbolicLink(Path.Combine(root, "loop-a"), "loop-b");
            File.CreateSymbolicLink(Path.Combine(root, "loop-b"), "loop-a");
            Put(root, ".far/t/far.template.json");
            File.CreateSymbolicLink(Path.Combine(root, "far"), Path.Combine(".c", Chain(Path.Combine(root, ".c"), "../.far/t", KernelLinkLimit + 1)));
            var warnings = new List<string>();

            TemplateFinder.Find([root], warnings).Should().Equal(template);
            warnings.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Skipped: the kernel's limit on links in one path (ELOOP after 40) is Linux's.");
    }

    private static string Put(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");
        return path;
    }

    /// <summary>Links l1 to l<paramref name="count"/> in <paramref name="folder"/>, each to the one before, l1 to <paramref name="target"/>; returns the last one's name.</summary>
    private static string Chain(string folder, string target, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 1; i <= count; i++)
            File.CreateSymbolicLink(Path.Combine(folder, $"l{i}"), i == 1 ? target : $"l{i - 1}");
        return $"l{count}";
    }
}
