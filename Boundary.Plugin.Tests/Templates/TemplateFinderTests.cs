using Boundary.Core;
using Boundary.Templates;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class TemplateFinderTests
{
    private string root = "";

    [SetUp]
    public void MakeRoot() => root = Directory.CreateTempSubdirectory("boundary-finder-").FullName;

    // rm copes with paths too long for .NET's own delete (some tests make them).
    [TearDown]
    public void RemoveRoot()
    {
        using var rm = System.Diagnostics.Process.Start("rm", ["-rf", "--", root]);
        rm.WaitForExit();
    }

    [Test]
    public void Resource_folders_of_any_name_and_the_hosts_template_names_are_found_below_amplify_backend()
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

    [Test]
    public void Outside_amplify_backend_every_level_skips_dependency_and_dot_folders()
    {
        Directory.CreateDirectory(Path.Combine(root, "node_modules", "x"));
        File.WriteAllText(Path.Combine(root, "node_modules", "x", "x.template.json"), "{}");
        Directory.CreateDirectory(Path.Combine(root, "stack"));
        var stack = Path.Combine(root, "stack", "Stack.template.json");
        File.WriteAllText(stack, "{}");

        TemplateFinder.Find([root]).Should().Equal(stack);
    }

    // Linux follows at most 40 links in one path (MAXSYMLINKS).
    private const int KernelLinkLimit = 40;

    [Test]
    public void Folder_reached_through_more_links_than_the_kernel_follows_from_a_linked_root_stops_the_run_naming_the_link()
    {
        RequireLinux();
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

    [Test]
    public void Folder_reached_first_through_a_long_chain_of_links_is_walked_by_its_short_path_whatever_the_listing_order()
    {
        RequireLinux();
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

    [Test]
    public void Link_through_a_chain_counts_every_link_of_the_chain_when_the_walk_picks_the_shortest_path()
    {
        RequireLinux();
        // D is one link away by shortq/B and 40 by each NAME/A (one link to a chain of 39); D/L is one
        // link more. Counted as one step each, both ways look alike and the long one may be walked first.
        Put(root, ".store/E/x-template.json");
        Directory.CreateDirectory(Path.Combine(root, ".store", "D"));
        Directory.CreateDirectory(Path.Combine(root, "shortq"));
        File.CreateSymbolicLink(Path.Combine(root, "shortq", "B"), "../.store/D");
        File.CreateSymbolicLink(Path.Combine(root, ".store", "D", "L"), "../E");
        var last = Chain(Path.Combine(root, ".chain"), "../.store/D", KernelLinkLimit - 1);
        foreach (var name in new[] { "a", "m", "zz", "0", "_" })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            File.CreateSymbolicLink(Path.Combine(root, name, "A"), Path.Combine("..", ".chain", last));
        }

        TemplateFinder.Find([root], root: root).Should().Equal(Path.Combine(root, "shortq", "B", "L", "x-template.json"));
    }

    [Test]
    public void Folders_given_together_are_walked_by_the_shortest_path_whichever_is_given_first()
    {
        RequireLinux();
        // p given twice: through a chain of 39 links (q1), then as itself. p/a/lib is one link from p, 40
        // from q1; lib/sub one more. Walked one folder given after the other, lib was taken through q1 and
        // never again, and sub refused, though p reaches it through two links.
        var p = Path.Combine(root, "p");
        Put(p, ".store/sub2/s-template.json");
        Directory.CreateDirectory(Path.Combine(p, ".store", "lib"));
        Directory.CreateDirectory(Path.Combine(p, "a"));
        File.CreateSymbolicLink(Path.Combine(p, "a", "lib"), "../.store/lib");
        File.CreateSymbolicLink(Path.Combine(p, ".store", "lib", "sub"), "../sub2");
        var last = Chain(Path.Combine(root, ".q"), "../p", KernelLinkLimit - 1);

        TemplateFinder.Find([Path.Combine(root, ".q", last), p])
            .Should().Equal(Path.Combine(p, "a", "lib", "sub", "s-template.json"));
    }

    [Test]
    public void Unfollowable_link_to_a_folder_walked_deeper_down_needs_no_second_walk()
    {
        RequireLinux();
        // The folder given is named through 40 links: real/L (one more) cannot be followed from it, but
        // leads to a/b, which the walk reached as real/a/b. Below the folder given, names count the same
        // at every depth, so a/b walked two levels down is as good as one level down.
        var real = Path.Combine(root, "real");
        Put(real, "a/b/x-template.json");
        File.CreateSymbolicLink(Path.Combine(real, "L"), "a/b");
        var last = Chain(Path.Combine(root, "chain"), "../real", KernelLinkLimit);
        var given = Path.Combine(root, "chain", last);

        TemplateFinder.Find([given], root: given).Should().Equal(Path.Combine(given, "a", "b", "x-template.json"));
    }

    [Test]
    public void Unfollowable_link_whose_path_from_its_real_folder_is_too_long_to_resolve_stops_the_run()
    {
        RequireLinux();
        // A folder whose real path is just short of PATH_MAX, named by a short path through 40 links (k1 to
        // k16 step down one level each, then a chain of 24); in it a link whose name takes the real path
        // past the limit, to a template folder elsewhere: one link too many from the short path, and no
        // call can say from the real one where it leads.
        var name = new string('n', 240);
        Put(root, "outside/y-template.json");
        var linkName = new string('L', 220);
        DeepFolder(Path.Combine(root, "real"), name, 16, bottom => File.CreateSymbolicLink(Path.Combine(bottom, linkName), Path.Combine(root, "outside")));
        for (var i = 1; i <= 16; i++)
            File.CreateSymbolicLink(Path.Combine(root, $"k{i}"), i == 1 ? Path.Combine("real", name) : Path.Combine($"k{i - 1}", name));
        var last = Chain(Path.Combine(root, "chain"), "../k16", KernelLinkLimit - 16);
        var given = Path.Combine(root, "chain", last);

        var act = () => TemplateFinder.Find([given]);

        act.Should().Throw<BoundaryException>().Which.Message.Should()
            .StartWith(Path.Combine(given, linkName) + ": a link that cannot be followed from here").And.Contain("too long to tell where it leads");
    }

    [Test]
    public void Unfollowable_link_whose_target_resolves_past_the_length_limit_stops_the_run()
    {
        RequireLinux();
        // x is 40 links from the folder given, so x/L cannot be followed from there. From x's real path L
        // leads through k16 (a short name for a folder just short of PATH_MAX) to a name that takes it past
        // the limit: resolving it fails for its length, not for its links, and must not pass for a loop.
        var name = new string('n', 240);
        DeepFolder(Path.Combine(root, "real"), name, 16, bottom => { });
        for (var i = 1; i <= 16; i++)
            File.CreateSymbolicLink(Path.Combine(root, $"k{i}"), i == 1 ? Path.Combine("real", name) : Path.Combine($"k{i - 1}", name));
        Directory.CreateDirectory(Path.Combine(root, "x"));
        File.CreateSymbolicLink(Path.Combine(root, "x", "L"), Path.Combine("..", "k16", new string('t', 220)));
        var last = Chain(Path.Combine(root, "chain"), "../x", KernelLinkLimit);
        var given = Path.Combine(root, "chain", last);

        var act = () => TemplateFinder.Find([given]);

        act.Should().Throw<BoundaryException>().Which.Message.Should()
            .StartWith(Path.Combine(given, "L") + ": a link that cannot be followed from here").And.Contain("too long to tell where it leads");
    }

    [Test]
    public void Folder_given_through_a_link_whose_real_path_is_too_long_to_resolve_stops_the_run()
    {
        RequireLinux();
        var name = new string('n', 250);
        DeepFolder(Path.Combine(root, "real"), name, 17, bottom => Put(bottom, "x-template.json"));
        File.CreateSymbolicLink(Path.Combine(root, "k1"), Path.Combine("real", name));
        for (var i = 2; i <= 17; i++)
            File.CreateSymbolicLink(Path.Combine(root, $"k{i}"), Path.Combine($"k{i - 1}", name));

        var act = () => TemplateFinder.Find([Path.Combine(root, "k17")]);

        act.Should().Throw<BoundaryException>().Which.Message.Should().Contain("longer than the system takes").And.Contain("Nothing was changed");
    }

    [Test]
    public void Link_whose_walked_path_is_longer_than_the_system_takes_stops_the_run_whatever_its_name()
    {
        RequireLinux();
        // The project named through a long path (its real path is short, as the host sees it): below it a
        // link named like no template, to a folder of templates, whose path from the name given passes
        // PATH_MAX. Taken for a file, it was left out without a word.
        var project = Path.Combine(root, "p");
        Put(project, "shared/r/r-cloudformation-template.json");
        Directory.CreateDirectory(Path.Combine(project, "amplify", "backend", "function"));
        File.CreateSymbolicLink(Path.Combine(project, "amplify", "backend", "function", new string('r', 200)), "../../../shared/r");
        DeepFolder(Path.Combine(root, "long"), new string('d', 240), 16, bottom => File.CreateSymbolicLink(Path.Combine(bottom, "lp"), project));
        var given = Path.Combine([root, "long", .. Enumerable.Repeat(new string('d', 240), 16), "lp"]);

        var act = () => TemplateFinder.Find([Path.Combine(given, "amplify", "backend")], root: given);

        act.Should().Throw<BoundaryException>().Which.Message.Should().Contain("longer than the system takes").And.Contain("Nothing was changed");
    }

    [Test]
    public void Folder_whose_path_is_longer_than_the_system_takes_stops_the_run_in_one_line()
    {
        RequireLinux();
        // Names of three-byte characters: the limit counts bytes, not characters (18 x 241 > 4,096).
        DeepFolder(Path.Combine(root, "stack"), new string('\u20ac', 80), 18, bottom => File.WriteAllText(Path.Combine(bottom, "Stack.template.json"), "{}"));

        var act = () => TemplateFinder.Find([root]);

        act.Should().Throw<BoundaryException>().Which.Message.Should()
            .Contain("has a path longer than the system takes").And.Contain("Nothing was changed");
    }

    [Test]
    public void Folder_whose_name_is_not_utf8_stops_the_run_in_one_line()
    {
        RequireLinux();
        // .NET decodes such a name with a replacement character, and the path it builds leads nowhere.
        var stack = Path.Combine(root, "stack");
        Directory.CreateDirectory(stack);
        using (var mkdir = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", "mkdir \"$(printf 'bad\\xff')\" && echo '{}' > \"$(printf 'bad\\xff')/x-template.json\""]) { WorkingDirectory = stack })!)
            mkdir.WaitForExit();

        var act = () => TemplateFinder.Find([root]);

        act.Should().Throw<BoundaryException>().Which.Message.Should().Contain("not valid UTF-8").And.Contain("Nothing was changed");
    }

    [Test]
    public void Without_a_root_each_folder_given_is_the_root_of_the_links_below_it()
    {
        Put(root, "outside/y-template.json");
        var given = Path.Combine(root, "given");
        Put(given, "inside/x-template.json");
        Directory.CreateSymbolicLink(Path.Combine(given, "also"), "inside");
        Directory.CreateSymbolicLink(Path.Combine(given, "out"), Path.Combine(root, "outside"));

        var act = () => TemplateFinder.Find([given]);

        act.Should().Throw<BoundaryException>().Which.Message.Should().StartWith(Path.Combine(given, "out") + ": a link to").And.Contain("outside " + given);
        TemplateFinder.Find([given, Path.Combine(root, "outside")], root: root).Should().HaveCount(2);
    }

    [Test]
    public void Folder_walked_deep_down_is_walked_again_when_a_link_makes_it_a_category_of_amplify_backend()
    {
        var backend = Path.Combine(root, "amplify", "backend");
        // Below a resource a dot-folder is skipped; as a category's resource (through the link 'linked')
        // the host deploys it whatever its name.
        Put(backend, "custom/c/stacks/.r/r-cloudformation-template.json");
        File.CreateSymbolicLink(Path.Combine(backend, "linked"), Path.Combine("custom", "c", "stacks"));

        TemplateFinder.Find([backend]).Should().Equal(Path.Combine(backend, "linked", ".r", "r-cloudformation-template.json"));
    }

    [Test]
    public void Loop_of_links_and_chain_too_long_from_anywhere_are_links_to_nothing()
    {
        RequireLinux();
        var template = Put(root, "stack/Stack.template.json");
        File.CreateSymbolicLink(Path.Combine(root, "loop-a"), "loop-b");
        File.CreateSymbolicLink(Path.Combine(root, "loop-b"), "loop-a");
        Put(root, ".far/t/far.template.json");
        File.CreateSymbolicLink(Path.Combine(root, "far"), Path.Combine(".c", Chain(Path.Combine(root, ".c"), "../.far/t", KernelLinkLimit + 1)));
        var warnings = new List<string>();

        TemplateFinder.Find([root], warnings).Should().Equal(template);
        warnings.Should().BeEmpty();
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

    /// <summary>
    /// <paramref name="levels"/> nested folders of <paramref name="name"/> below <paramref name="parent"/>, however
    /// long their path: made with short names, filled, then renamed from the bottom up, so that no call
    /// ever takes a path longer than the system allows.
    /// </summary>
    private static void DeepFolder(string parent, string name, int levels, Action<string> fill)
    {
        var folders = new List<string> { parent };
        for (var i = 0; i < levels; i++)
            folders.Add(Path.Combine(folders[^1], "d"));
        Directory.CreateDirectory(folders[^1]);
        fill(folders[^1]);
        for (var i = levels; i >= 1; i--)
            Directory.Move(folders[i], Path.Combine(folders[i - 1], name));
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
