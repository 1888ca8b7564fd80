using Boundary.Files;
using Boundary.Tests.Support;

namespace Boundary.Tests.Files;

/// <summary>
/// The sweep reads each entry's type from its folder listing and looks at a name again only when it is
/// one of ours or a folder: what it removes, walks and leaves must be what a look at every entry gave.
/// </summary>
[Category("Unit")]
public class TempFilesSweepTests
{
    private static string TempName(string name) => $".{name}.1.{Guid.NewGuid():N}.tmp";

    [Test]
    public void Stale_temp_files_are_removed_in_every_folder_also_one_named_like_a_temp_file()
    {
        using var project = TempProject.FromFixture("multi-env");
        var top = "amplify/" + TempName("team-provider-info.json");
        var deep = "amplify/backend/function/fnA/" + TempName("fnA-cloudformation-template.json");
        var folderLikeATempFile = "amplify/backend/" + TempName("folder");
        var inside = folderLikeATempFile + "/" + TempName("x.json");
        var dotFolder = "amplify/.config/" + TempName("project-config.json");
        foreach (var path in new[] { top, deep, inside, dotFolder })
            project.Write(path, "{}");

        using var held = ProjectLock.Acquire(project.Root, project.PathOf("amplify/.boundary"));
        var removed = TempFiles.Sweep(held, project.Amplify);

        removed.Should().BeEquivalentTo(new[] { top, deep, inside, dotFolder }.Select(project.PathOf));
        foreach (var path in new[] { top, deep, inside, dotFolder })
            File.Exists(project.PathOf(path)).Should().BeFalse(path);
        Directory.Exists(project.PathOf(folderLikeATempFile)).Should().BeTrue("a folder is never removed, whatever its name");
    }

    [Test]
    public void Links_and_node_modules_are_not_followed_and_a_link_named_like_a_temp_file_is_kept()
    {
        using var project = TempProject.FromFixture("multi-env");
        using var outside = new TempProject();
        var behindLink = TempName("victim.json");
        outside.Write("folder/" + behindLink, "{}");
        Directory.CreateSymbolicLink(project.PathOf("amplify/backend/linked"), outside.PathOf("folder"));
        var inNodeModules = "amplify/backend/function/fnA/src/node_modules/" + TempName("dep.json");
        project.Write(inNodeModules, "{}");
        var link = "amplify/backend/" + TempName("link.json");
        File.CreateSymbolicLink(project.PathOf(link), "amplify-meta.json");

        using var held = ProjectLock.Acquire(project.Root, project.PathOf("amplify/.boundary"));
        var removed = TempFiles.Sweep(held, project.Amplify);

        removed.Should().BeEmpty();
        File.Exists(outside.PathOf("folder/" + behindLink)).Should().BeTrue();
        File.Exists(project.PathOf(inNodeModules)).Should().BeTrue();
        new FileInfo(project.PathOf(link)).LinkTarget.Should().Be("amplify-meta.json");
    }

    [Test]
    public void A_sweep_on_its_own_thread_has_removed_the_stale_temp_files_once_waited_for()
    {
        using var project = TempProject.FromFixture("multi-env");
        var stale = "amplify/backend/function/fnB/" + TempName("fnB-cloudformation-template.json");
        project.Write(stale, "{}");

        using var held = ProjectLock.Acquire(project.Root, project.PathOf("amplify/.boundary"));
        using var sweep = new TempFileSweep(held, project.Amplify);

        sweep.Wait().Should().Equal(project.PathOf(stale));
        File.Exists(project.PathOf(stale)).Should().BeFalse();
    }
}
